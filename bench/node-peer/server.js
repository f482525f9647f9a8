'use strict';
// A straightforward peer of our gateway, written the idiomatic Node way (ws + kafkajs), for the side-by-side
// fan-out comparison (bench/run-peer-comparison.sh). It reads ceremony-updates from the beginning with
// read_committed, keeps every ceremony's updates so far, and speaks the same frames for the part the load generator
// uses: {"op":"subscribe","ceremony":...} -> a snapshot frame, the updates so far, then {"type":"update",...} live.
// Env: KAFKA_BOOTSTRAP_SERVERS (localhost:9092), PORT (8090; 0 = any free port, printed as "port N").
const http = require('http');
const { WebSocketServer } = require('ws');
const { Kafka, logLevel } = require('kafkajs');

const brokers = (process.env.KAFKA_BOOTSTRAP_SERVERS || 'localhost:9092').split(',');
const port = Number(process.env.PORT || 8090);
const topic = 'ceremony-updates';

/** ceremony id -> { epoch, seq, frames: the updates so far as sent, subscribers: Set of sockets } */
const ceremonies = new Map();
function ceremony(id) {
  let c = ceremonies.get(id);
  if (!c) {
    c = { epoch: 0, seq: 0, frames: [], subscribers: new Set() };
    ceremonies.set(id, c);
  }
  return c;
}

const server = http.createServer((req, res) => {
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('WebSocket at /ws\n');
});
const wss = new WebSocketServer({ server, path: '/ws' });

wss.on('connection', (ws) => {
  const subscribed = new Set();
  ws.on('message', (data) => {
    let request;
    try {
      request = JSON.parse(data);
    } catch (e) {
      ws.send(JSON.stringify({ type: 'error', message: 'not JSON' }));
      return;
    }
    if (request.op === 'subscribe' && typeof request.ceremony === 'string') {
      const c = ceremony(request.ceremony);
      ws.send(JSON.stringify({ type: 'snapshot', ceremony: request.ceremony, epoch: c.epoch, seq: c.seq, state: null }));
      for (const frame of c.frames) ws.send(frame);
      c.subscribers.add(ws);
      subscribed.add(c);
    } else if (request.op === 'ping') {
      ws.send(JSON.stringify({ type: 'pong' }));
    } else {
      ws.send(JSON.stringify({ type: 'error', message: 'unknown op' }));
    }
  });
  ws.on('close', () => subscribed.forEach((c) => c.subscribers.delete(ws)));
});

async function main() {
  const kafka = new Kafka({ clientId: 'node-peer', brokers, logLevel: logLevel.ERROR });
  // A fresh group each start, so it reads the whole topic from the beginning like our gateway does.
  const consumer = kafka.consumer({
    groupId: `node-peer-${process.pid}-${Date.now()}`,
    readUncommitted: false, // read_committed: an aborted update must never reach a screen
    maxWaitTimeInMs: 5, // same as our gateway's fetch.max.wait.ms, so the comparison is not about this setting
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
  await consumer.run({
    eachMessage: async ({ message }) => {
      const update = JSON.parse(message.value.toString());
      const c = ceremony(update.ceremony);
      if (update.epoch !== c.epoch) {
        c.epoch = update.epoch;
        c.frames = [];
      }
      c.seq = update.seq;
      const frame = JSON.stringify({ type: 'update', update }); // serialised once, sent to every subscriber
      c.frames.push(frame);
      for (const ws of c.subscribers) {
        if (ws.readyState === ws.OPEN) ws.send(frame);
      }
    },
  });
  await joined;
  server.listen(port, () => console.log(`port ${server.address().port}`));
  const stop = async () => {
    await consumer.disconnect().catch(() => {});
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
