// Preloaded (NODE_OPTIONS=--require) for js-ipfs on Node.js 20: its dependencies call Promise.withResolvers,
// which Node.js only has from version 22.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
    return { promise, resolve, reject };
  };
}
