import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifestXml, ROOT_MANIFEST } from '../scripts/write-manifest.mjs';

const here = dirname(fileURLToPath(import.meta.url));
// Vendored from ../shared/office-schemas: CI runs on a clean clone.
const SCHEMA = join(here, '..', 'schemas', 'OfficeAppManifestV1_1.xsd');
const SCRIPT = join(here, '..', 'scripts', 'write-manifest.mjs');

const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
if (!hasXmllint) {
  // Fail loudly rather than pass silently: validation is the point of these tests.
  throw new Error('xmllint is missing: install libxml2-utils (Debian/Ubuntu) or libxml2 (macOS has it) to validate the Office manifest offline');
}

function validate(xml: string): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'netpad-manifest-'));
  const file = join(dir, 'manifest.xml');
  writeFileSync(file, xml);
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', SCHEMA, file], { encoding: 'utf8' });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

describe('manifest.xml (PowerPoint content add-in)', () => {
  const root = readFileSync(ROOT_MANIFEST, 'utf8');

  it('validates against the Office manifest schema, offline', () => {
    const result = validate(root);
    assert.ok(result.ok, result.output);
  });

  it('is a content add-in for PowerPoint with what the slide needs', () => {
    assert.match(root, /xsi:type="ContentApp"/);
    assert.match(root, /<Host Name="Presentation" \/>/);
    assert.match(root, /<Permissions>ReadWriteDocument<\/Permissions>/);
    assert.match(root, /<AllowSnapshot>true<\/AllowSnapshot>/);
    assert.match(root, /<Set Name="DialogApi" MinVersion="1.1" \/>/);
    assert.match(root, /<AppDomain>http:\/\/localhost:4000<\/AppDomain>/);
    assert.match(root, /<SourceLocation DefaultValue="https:\/\/localhost:3000\/content.html" \/>/);
    const width = Number(/<RequestedWidth>(\d+)</.exec(root)?.[1]);
    const height = Number(/<RequestedHeight>(\d+)</.exec(root)?.[1]);
    assert.ok(width >= 32 && width <= 1000 && height >= 32 && height <= 1000, `${width}×${height}`);
  });

  it('is what the script writes for the default host (run `pnpm --filter @netpad/office-addin manifest` after changing it)', () => {
    assert.equal(root, manifestXml());
    const printed = execFileSync(process.execPath, [SCRIPT, '--out', '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    assert.equal(printed, root);
  });

  it('follows another base URL and platform, and still validates', () => {
    const xml = execFileSync(process.execPath, [SCRIPT, '--base', 'https://addins.school.example/netpad', '--platform', 'https://netpad.school.example/ignored/path', '--out', '-'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    assert.match(xml, /<SourceLocation DefaultValue="https:\/\/addins.school.example\/netpad\/content.html" \/>/);
    assert.match(xml, /<IconUrl DefaultValue="https:\/\/addins.school.example\/netpad\/assets\/icon-32.png" \/>/);
    assert.match(xml, /<AppDomain>https:\/\/netpad.school.example<\/AppDomain>/);
    assert.doesNotMatch(xml, /localhost/);
    const result = validate(xml);
    assert.ok(result.ok, result.output);
  });

  it('escapes what it writes (a base URL with & stays well-formed)', () => {
    const result = validate(manifestXml({ base: 'https://addins.example/a?x=1&y=2/' }));
    assert.ok(result.ok, result.output);
  });

  it('rejects a requested width over 1000', () => {
    const result = validate(root.replace(/<RequestedWidth>\d+</, '<RequestedWidth>2000<'));
    assert.equal(result.ok, false);
    assert.match(result.output, /RequestedWidth/);
  });

  it('rejects elements out of order', () => {
    const permissions = '  <Permissions>ReadWriteDocument</Permissions>\n';
    const moved = root.replace(permissions, '').replace('  <DefaultSettings>', `${permissions}  <DefaultSettings>`);
    assert.notEqual(moved, root);
    const result = validate(moved);
    assert.equal(result.ok, false);
    assert.match(result.output, /Permissions|DefaultSettings/);
  });

  it('rejects a manifest without its source location', () => {
    const result = validate(root.replace(/\s*<SourceLocation [^>]*\/>/, ''));
    assert.equal(result.ok, false);
  });
});
