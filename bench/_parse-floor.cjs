#!/usr/bin/env node
// The parse-only floor of lint: `node bench/_parse-floor.cjs DIR` reads every *.yaml under DIR
// (sorted, as lint walks) and parses it with the options lint uses (YAML 1.1, unique keys, alias
// limit), keeping every plain object until the end, as lint must. No syntax tree is kept, nothing
// is checked. Prints the number of objects.
const fs = require('fs');
const path = require('path');
const { parseAllDocuments } = require('yaml');

const objects = [];
function walk(dir) {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (/\.ya?ml$/.test(entry.name)) {
      for (const doc of parseAllDocuments(fs.readFileSync(full, 'utf8'), { version: '1.1', uniqueKeys: true, prettyErrors: true })) {
        if (doc.errors.length > 0) throw new Error(`${full}: ${doc.errors[0].message}`);
        objects.push(doc.toJS({ maxAliasCount: 1000 }));
      }
    }
  }
}
walk(process.argv[2]);
process.stdout.write(`${objects.length}\n`);
