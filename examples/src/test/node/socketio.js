// The original TickStock dashboard's client side, as far as the compatibility tests need it:
// socket.io-client 3.1.0 over the WebSocket transport only. Prints one JSON line per thing that
// happened (connect, status_update, stock_data, disconnect) and exits once its condition holds,
// or at the time limit.
//
// usage: node socketio.js http://127.0.0.1:PORT SYMBOLS|- LIMIT_SECONDS MODE [STOCK_DATA STATUS_UPDATES]
//   SYMBOLS: comma-separated, sent as the symbols query parameter; - for every symbol
//   MODE:    read       exit once STOCK_DATA stock_data and STATUS_UPDATES status_update have come
//            reconnect  exit once connected again after a disconnect and sent a stock_data since
//            stall      stop reading the socket after the first stock_data (a dashboard that hangs)
const { io } = require('socket.io-client');

const [url, symbols, limit, mode, wantData, wantStatus] = process.argv.slice(2);
const query = symbols === '-' ? {} : { symbols };
const socket = io(url, { transports: ['websocket'], query, reconnection: true, reconnectionDelay: 200, reconnectionDelayMax: 500 });
const print = (record) => process.stdout.write(JSON.stringify(record) + '\n');
const seen = { stock_data: 0, status_update: 0, disconnects: 0, dataSinceReconnect: 0 };

function finish() {
  socket.close();
  // stdout is a pipe, written asynchronously: exit once every line above has been flushed
  process.stdout.write('', () => process.exit(0));
}

function check() {
  if (mode === 'read' && seen.stock_data >= Number(wantData) && seen.status_update >= Number(wantStatus)) {
    finish();
  }
  if (mode === 'reconnect' && seen.dataSinceReconnect > 0) {
    finish();
  }
}

socket.on('connect', () => print({ event: 'connect', id: socket.id }));
socket.on('connect_error', (error) => print({ event: 'connect_error', message: String(error && error.message) }));
socket.on('disconnect', (reason) => {
  seen.disconnects++;
  print({ event: 'disconnect', reason });
});
socket.on('status_update', (payload) => {
  seen.status_update++;
  print({ event: 'status_update', data: JSON.parse(payload) });
  check();
});
socket.on('stock_data', (payload) => {
  seen.stock_data++;
  if (seen.disconnects > 0) {
    seen.dataSinceReconnect++;
  }
  print({ event: 'stock_data', data: JSON.parse(payload) });
  if (mode === 'stall' && socket.io.engine && socket.io.engine.transport && socket.io.engine.transport.ws) {
    const raw = socket.io.engine.transport.ws._socket;
    if (raw) {
      raw.pause();
      print({ event: 'stalled' });
    }
  }
  check();
});

setTimeout(finish, Number(limit) * 1000);
