// undici's HTTP/2 client: never used here (allowH2 is never set), and loading it loads node:http2 and node:tls before
// the first request. The bundle gets this instead; should anything reach it, it says so.
module.exports = function connectH2() {
  throw new Error('HTTP/2 is not part of this build');
};
