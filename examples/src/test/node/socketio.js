// The original TickStock dashboard's client side, as far as the compatibility tests need it:
// socket.io-client 3.1.0 over the WebSocket transport only. Prints one JSON line per thing that
// happened (connect, status_update, stock_data, disconnect) and exits after the given seconds.
//
// usage: node socketio.js http://127.0.0.1:PORT SYMBOLS|- SECONDS [stall]
//   SYMBOLS: comma-separated, sent as the symbols query parameter; - for every symbol
//   stall:   stop reading the socket after the first stock_data (a dashboard that hangs)
const { io } = require('socket.io-client');

const [url, symbols, seconds, mode] = process.argv.slice(2);
const query = symbols === '-' ? {} : { symbols };
const socket = io(url, { transports: ['websocket'], query, reconnection: true, reconnectionDelay: 200, reconnectionDelayMax: 500 });
const print = (record) => process.stdout.write(JSON.stringify(record) + '\n');

socket.on('connect', () => print({ event: 'connect', id: socket.id }));
socket.on('connect_error', (error) => print({ event: 'connect_error', message: String(error && error.message) }));
socket.on('disconnect', (reason) => print({ event: 'disconnect', reason }));
socket.on('status_update', (payload) => print({ event: 'status_update', data: JSON.parse(payload) }));
socket.on('stock_data', (payload) => {
  print({ event: 'stock_data', data: JSON.parse(payload) });
  if (mode === 'stall' && socket.io.engine && socket.io.engine.transport && socket.io.engine.transport.ws) {
    const raw = socket.io.engine.transport.ws._socket;
    if (raw) {
      raw.pause();
      print({ event: 'stalled' });
    }
  }
});

setTimeout(() => {
  socket.close();
  // stdout is a pipe, written asynchronously: exit once every line above has been flushed
  process.stdout.write('', () => process.exit(0));
}, Number(seconds) * 1000);
