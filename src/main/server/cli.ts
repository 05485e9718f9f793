// Placeholder until the hub lands in this same session; replaced by the real server.
console.error('The hub server is not built yet');
process.exit(1);
