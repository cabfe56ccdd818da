/* A stand-in tracker for the gateway's tests: /footfall.js must serve whatever the tracker module ships. */
(function(){window.footfallTestScript=true;var padding="this line repeats so gzip has something to compress; this line repeats so gzip has something to compress; this line repeats so gzip has something to compress";})();
