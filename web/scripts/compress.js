// Writes FILE.gz beside every compressible file of the build, so the
// server sends compressed bytes without compressing at each request.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, constants } from 'node:zlib';

const compressible = /\.(html|js|css|svg|json|txt|map)$/;
let plain = 0;
let packed = 0;
let scripts = 0;

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      walk(path);
    } else if (compressible.test(name)) {
      const bytes = readFileSync(path);
      const gz = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION });
      writeFileSync(path + '.gz', gz);
      plain += bytes.length;
      packed += gz.length;
      if (name.endsWith('.js')) scripts += gz.length;
    }
  }
}

const root = process.argv[2] ?? 'dist';
walk(root);
console.log(
  `compressed ${(plain / 1024).toFixed(1)} KiB to ${(packed / 1024).toFixed(1)} KiB; ` +
    `JavaScript ${(scripts / 1024).toFixed(1)} KiB gzipped`,
);
