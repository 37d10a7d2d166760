// A slow consumer written with Node's `ws` package: subscribes to every event of every symbol,
// stops reading its socket for `stallMs`, then reads again until the server closes the connection.
// Prints one JSON summary line: the events and gaps it read, ids in order, and the close code and
// reason it got (1006 when the connection ended without a close frame). Exits non-zero on a breach
// of the protocol's framing or ordering.
'use strict';
const WebSocket = require('ws');
const { messages } = require('./frames');

const [url, stallMsArg] = process.argv.slice(2);
const stallMs = Number(stallMsArg);
const errors = [];
let events = 0;
let gaps = 0;
let lastId = 0;
let acked = false;
let stalledAt = null;

const ws = new WebSocket(url);
const deadline = setTimeout(() => finish(0, 'timeout'), stallMs + 60000);

ws.on('open', () => {
  ws.send(JSON.stringify({
    id: 's1', op: 'subscribe', symbols: ['*'],
    events: ['trade', 'high', 'low', 'trend', 'surge', 'bar', 'fmv'], snapshot: false
  }));
});

ws.on('message', (data, isBinary) => {
  const frame = messages(data, isBinary, errors);
  if (frame === null) return;
  for (const m of frame) {
    if (m.type === 'ack') {
      acked = true;
    } else if (m.type === 'event') {
      if (!(m.id > lastId)) errors.push(`id ${m.id} after ${lastId}`);
      lastId = m.id;
      events++;
    } else if (m.type === 'gap') {
      gaps++;
    } else if (m.type === 'error') {
      errors.push(`error ${m.code}: ${m.message}`);
    }
  }
  if (acked && stalledAt === null && events > 0) {
    stalledAt = Date.now();
    ws.pause();
    setTimeout(() => ws.resume(), stallMs);
  }
});

ws.on('close', (code, reason) => finish(code, reason.toString('utf8')));
ws.on('error', (e) => errors.push('error ' + e.message));

function finish(code, reason) {
  clearTimeout(deadline);
  console.log(JSON.stringify({ code, reason, events, gaps, lastId, stalledMs: stalledAt === null ? null : Date.now() - stalledAt, errors }));
  process.exit(errors.length === 0 ? 0 : 1);
}
