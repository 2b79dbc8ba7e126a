// Writes schema/figure.schema.json from the built package (the element catalogue is its source).
import { writeFileSync, mkdirSync } from 'node:fs';
import { figureJsonSchema } from '../dist/index.js';

const target = new URL('../schema/figure.schema.json', import.meta.url);
mkdirSync(new URL('../schema/', import.meta.url), { recursive: true });
writeFileSync(target, `${JSON.stringify(figureJsonSchema(), null, 2)}\n`);
