#!/usr/bin/env node
// Stand-in for a native `solc` binary, backed by npm `solc` (solcjs, the official compiler
// compiled to JavaScript). py-solc-x (and so brownie) calls it in two ways:
//   solc --version
//   solc --standard-json [--allow-paths P] [--base-path P] [--include-path P]  < input.json
// Path flags are collected as extra import roots; imports are read from disk.
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const args = process.argv.slice(2);

if (args.includes('--version')) {
  // py-solc-x parses "Version: 0.8.x+commit.<hash>" out of this text.
  process.stdout.write('solc, the solidity compiler commandline interface\n');
  process.stdout.write(`Version: ${solc.version()}\n`);
  process.exit(0);
}

if (!args.includes('--standard-json')) {
  process.stderr.write('solc-shim: only --version and --standard-json are supported\n');
  process.exit(2);
}

const roots = [process.cwd()];
for (let i = 0; i < args.length; i += 1) {
  if (['--allow-paths', '--base-path', '--include-path'].includes(args[i]) && args[i + 1]) {
    for (const p of args[i + 1].split(',')) if (p) roots.push(path.resolve(p));
    i += 1;
  }
}

function findImports(importPath) {
  const candidates = path.isAbsolute(importPath)
    ? [importPath]
    : roots.map((root) => path.join(root, importPath));
  for (const candidate of candidates) {
    try {
      return { contents: fs.readFileSync(candidate, 'utf8') };
    } catch (err) {
      // try the next root
    }
  }
  return { error: `File not found: ${importPath} (searched ${roots.join(', ')})` };
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  process.stdout.write(solc.compile(input, { import: findImports }));
});
