// Loaded into the Agents Playground's process with `node --import`, before its own code.
//
// 1. Loopback only. The playground has no flag for its bind address and listens on every
//    interface; its mock connector would then accept messages from the whole network. Every
//    listen() that names no host is pointed at 127.0.0.1 instead.
// 2. Dies with its parent. The sandbox starts the playground in its own process group (so Ctrl-C
//    reaches the sandbox only, which stops the parts in order) over an IPC channel; if the
//    sandbox is killed outright, the channel closes and the playground exits rather than linger.
import net from 'node:net';
import process from 'node:process';

const loopback = '127.0.0.1';
const originalListen = net.Server.prototype.listen;

function isPort(value) {
  return typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value));
}

net.Server.prototype.listen = function listenOnLoopback(...args) {
  const [first, second] = args;
  if (isPort(first)) {
    // listen(port, host?, backlog?, callback?): fill an empty host slot, or add one.
    if (args.length > 1 && (second === undefined || second === null)) args[1] = loopback;
    else if (typeof second !== 'string') args.splice(1, 0, loopback);
  } else if (
    first !== null &&
    typeof first === 'object' &&
    first.host === undefined &&
    first.path === undefined &&
    first.fd === undefined &&
    first._handle === undefined
  ) {
    args[0] = { ...first, host: loopback };
  } else if (first === undefined || typeof first === 'function') {
    args.unshift(0, loopback);
  }
  return originalListen.apply(this, args);
};

if (typeof process.send === 'function') {
  process.on('disconnect', () => process.exit(0));
}
