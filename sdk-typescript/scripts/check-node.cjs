// The build's first step: says plainly when the machine's Node is too old for the build tools (Vite 7, under vitest,
// needs 20.19+; Debian 12's own nodejs package is 18), instead of failing later inside npm ci or a test runner.
// CommonJS and old syntax on purpose, so that any Node can run it far enough to say so.
var required = [20, 19, 0];
var found = process.versions.node.split('.').map(Number);
var tooOld = false;
for (var i = 0; i < required.length; i++) {
  if (found[i] !== required[i]) {
    tooOld = found[i] < required[i];
    break;
  }
}
if (tooOld) {
  console.error(
    'sdk-typescript needs Node ' + required.join('.') + ' or newer with npm; this machine has ' + process.versions.node +
      '. Install a newer Node, or build the other modules without it: ./mvnw -pl \'!sdk-typescript\' ...',
  );
  process.exit(1);
}
console.log('Node ' + process.versions.node + ' builds sdk-typescript');
