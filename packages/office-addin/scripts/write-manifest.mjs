#!/usr/bin/env node
/**
 * Writes the add-in's manifest (a PowerPoint content add-in) for an add-in base URL and a
 * platform URL. With no arguments it writes the repository's manifest.xml for
 * https://localhost:3000/ and http://localhost:4000 (`pnpm --filter @netpad/office-addin manifest`).
 *
 *   node scripts/write-manifest.mjs [--base https://addin.example/netpad/] [--platform https://netpad.example] [--out FILE|-]
 *
 * Also NETPAD_ADDIN_BASE and NETPAD_PLATFORM. Validate offline with
 *   xmllint --noout --nonet --schema packages/office-addin/schemas/OfficeAppManifestV1_1.xsd FILE
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const DEFAULT_BASE = 'https://localhost:3000/';
export const DEFAULT_PLATFORM = 'http://localhost:4000';
export const ROOT_MANIFEST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'manifest.xml');
/** The add-in's id: keep it, or PowerPoint treats a new manifest as another add-in. */
export const ADDIN_ID = 'f1499ee5-19f1-43b1-ac69-dfbd26bd9d7f';
export const VERSION = '0.1.0.0';
/** The placeholder a content add-in asks for on a new slide (each 32–1000 px). */
export const SIZE = { width: 640, height: 480 };

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The manifest's XML for `base` (the folder of content.html) and `platform`. */
export function manifestXml({ base = DEFAULT_BASE, platform = DEFAULT_PLATFORM } = {}) {
  const baseUrl = new URL(base.endsWith('/') ? base : `${base}/`);
  const platformOrigin = new URL(platform).origin;
  const at = (path) => escape(new URL(path, baseUrl).href);
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by packages/office-addin/scripts/write-manifest.mjs (add-in ${escape(baseUrl.href)}, platform ${escape(platformOrigin)}): change the script, not this file. -->
<OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
           xsi:type="ContentApp">
  <Id>${ADDIN_ID}</Id>
  <Version>${VERSION}</Version>
  <ProviderName>Netpad</ProviderName>
  <DefaultLocale>zh-CN</DefaultLocale>
  <DisplayName DefaultValue="Netpad 动态图形">
    <Override Locale="en-US" Value="Netpad live figures" />
  </DisplayName>
  <Description DefaultValue="在幻灯片中插入可交互的数学图形：放映时拖动滑块和点，离线也能演示。">
    <Override Locale="en-US" Value="Put interactive math figures on slides: drag sliders and points while presenting, even offline." />
  </Description>
  <IconUrl DefaultValue="${at('assets/icon-32.png')}" />
  <HighResolutionIconUrl DefaultValue="${at('assets/icon-64.png')}" />
  <SupportUrl DefaultValue="${escape(platformOrigin)}/" />
  <AppDomains>
    <AppDomain>${escape(platformOrigin)}</AppDomain>
  </AppDomains>
  <Hosts>
    <Host Name="Presentation" />
  </Hosts>
  <Requirements>
    <Sets DefaultMinVersion="1.1">
      <Set Name="DialogApi" MinVersion="1.1" />
    </Sets>
  </Requirements>
  <DefaultSettings>
    <SourceLocation DefaultValue="${at('content.html')}" />
    <RequestedWidth>${SIZE.width}</RequestedWidth>
    <RequestedHeight>${SIZE.height}</RequestedHeight>
  </DefaultSettings>
  <Permissions>ReadWriteDocument</Permissions>
  <AllowSnapshot>true</AllowSnapshot>
</OfficeApp>
`;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { values } = parseArgs({
    options: {
      base: { type: 'string', default: process.env.NETPAD_ADDIN_BASE ?? DEFAULT_BASE },
      platform: { type: 'string', default: process.env.NETPAD_PLATFORM ?? DEFAULT_PLATFORM },
      out: { type: 'string', default: ROOT_MANIFEST },
    },
  });
  const xml = manifestXml({ base: values.base, platform: values.platform });
  if (new URL(values.base).protocol !== 'https:') console.error('warning: Office loads add-ins only over HTTPS; this manifest is for tests.');
  if (values.out === '-') process.stdout.write(xml);
  else {
    writeFileSync(values.out, xml);
    console.error(`wrote ${values.out}`);
  }
}
