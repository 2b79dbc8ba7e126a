import { officeHost } from '../host/office';
import { loadConfig } from '../config';
import { startContent } from '../content';

// This module sits at the add-in's base URL (beside content.html): its folder is the base.
const base = new URL('./', import.meta.url).href;
const root = document.getElementById('app')!;
const host = await officeHost();
await startContent({ host, root, addinBase: base, config: () => loadConfig(base) });
