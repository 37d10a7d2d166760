// A client of the TickStock edge written against docs/protocol.md with Node's `ws` package, so the
// edge is checked by a WebSocket implementation we did not write. Connects, subscribes, collects
// `count` events, pings, and prints one JSON summary line; exits non-zero on any protocol breach.
'use strict';
const WebSocket = require('ws');
const { messages } = require('./frames');

const [url, symbolsArg, count, compressArg] = process.argv.slice(2);
const symbols = symbolsArg.split(',');
const wanted = Number(count);
const deflate = compressArg === 'deflate';
const errors = [];
const events = [];
let welcome = null;
let ack = null;
let pong = null;
let snapshots = 0;
let lastId = 0;

const ws = new WebSocket(url, { perMessageDeflate: deflate });
const deadline = setTimeout(() => finish('timeout'), 20000);

ws.on('open', () => {
  ws.send(JSON.stringify({ id: 'n1', op: 'subscribe', symbols, events: ['trade', 'high', 'low', 'bar', 'fmv'] }));
});

ws.on('message', (data, isBinary) => {
  const frame = messages(data, isBinary, errors);
  if (frame === null) return;
  for (const m of frame) {
    if (m.type === 'welcome') welcome = m;
    else if (m.type === 'ack') ack = m;
    else if (m.type === 'snapshot') snapshots++;
    else if (m.type === 'pong') { pong = m; finish('done'); }
    else if (m.type === 'event') {
      if (!(m.id > lastId)) errors.push(`id ${m.id} after ${lastId}`);
      lastId = m.id;
      if (!symbols.includes(m.symbol)) errors.push(`unsubscribed symbol ${m.symbol}`);
      if (typeof m.src !== 'object' || typeof m.src.seq !== 'number') errors.push('event without src');
      if (events.length < wanted) {
        events.push(m);
        if (events.length === wanted) ws.send(JSON.stringify({ op: 'ping', id: 'p1' }));
      }
    } else if (m.type === 'error') errors.push(`error ${m.code}: ${m.message}`);
  }
});

ws.on('error', (e) => finish('error ' + e.message));

function finish(reason) {
  clearTimeout(deadline);
  const summary = {
    reason,
    extensions: ws.extensions || '',
    protocol: welcome && welcome.protocol,
    ackSymbols: ack && ack.symbols,
    ackEvents: ack && ack.events,
    snapshots,
    events: events.length,
    eventTypes: [...new Set(events.map((e) => e.event))].sort(),
    pongId: pong && pong.id,
    errors,
  };
  console.log(JSON.stringify(summary));
  ws.close(1000);
  process.exitCode = reason === 'done' && errors.length === 0 ? 0 : 1;
}
