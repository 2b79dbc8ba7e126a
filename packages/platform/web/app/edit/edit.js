// The editor page: a new figure or one of My space, saved back to the space with If-Match.
// A conflict (the figure was saved elsewhere meanwhile) keeps both versions; a draft is kept in
// this browser on every change, so a closed tab, a crash or a lost network loses nothing.
import { api, ApiError, el, formatDate, locale, mountShell, pick, retitled, say, session } from '/app/shell.js';

const T = {
  'zh-CN': {
    title: '编辑图形', titleLabel: '图形标题', untitled: '未命名图形', save: '保存', saving: '正在保存…', saved: (d) => `已保存 ${d}`, unsaved: '有未保存的修改',
    signInToSave: '登录后才能保存到我的空间；修改已保存在本机草稿中。', draftFound: (d) => `有一份未保存的草稿（${d}）。`, restore: '恢复草稿', discard: '丢弃',
    conflict: (n) => `这个图形在别处（另一个标签页或设备）已被修改并保存。两个版本都已保留：你的这次修改另存为“${n}”。`, conflictTitle: (n) => `${n}（冲突副本）`,
    openOther: '打开另一个版本', offline: '未能保存：网络连接中断。修改保存在本机的草稿里，恢复网络后再保存。', notFound: '我的空间里没有这个图形。', failed: (m) => `未能保存：${m}`,
  },
  en: {
    title: 'Edit figure', titleLabel: 'Figure title', untitled: 'Untitled figure', save: 'Save', saving: 'Saving…', saved: (d) => `Saved ${d}`, unsaved: 'Unsaved changes',
    signInToSave: 'Sign in to save to My space; your changes are kept in a draft in this browser.', draftFound: (d) => `There is an unsaved draft (${d}).`, restore: 'Restore the draft', discard: 'Discard',
    conflict: (n) => `This figure was changed and saved elsewhere (another tab or device). Both versions are kept: your changes are saved as “${n}”.`, conflictTitle: (n) => `${n} (conflicting copy)`,
    openOther: 'Open the other version', offline: 'Not saved: the network connection dropped. Your changes are kept in a draft in this browser; save again when you are back online.', notFound: 'This figure is not in your space.', failed: (m) => `Not saved: ${m}`,
  },
};
const t = T[locale];
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const editor = $('editor');
let spaceId = params.get('space');
let etag = null;
let signedIn = false;
let opened = false;

const draftKey = () => `netpad-draft:${spaceId ?? 'new'}`;
const readDraft = () => {
  try {
    return JSON.parse(localStorage.getItem(draftKey()) ?? 'null');
  } catch {
    return null;
  }
};

/** The document as it will be saved: the editor's, with the title from the title field. */
function current() {
  const doc = editor.document;
  return { ...doc, title: retitled(doc.title, $('title').value.trim() || t.untitled) };
}

function keepDraft() {
  localStorage.setItem(draftKey(), JSON.stringify({ document: current(), etag, at: new Date().toISOString() }));
  $('save-state').textContent = t.unsaved;
}

function show(doc) {
  editor.document = doc;
  $('title').value = pick(doc.title);
}

function notice(...children) {
  $('notice').replaceChildren(...children);
  $('notice').hidden = children.length === 0;
}

/** A draft left from an earlier visit (a closed tab, a crash, a lost network): offered back. */
function offerDraft() {
  const draft = readDraft();
  if (!draft || JSON.stringify(draft.document) === JSON.stringify(current())) return;
  const restore = el('button', { type: 'button', className: 'restore-draft', textContent: t.restore });
  const discard = el('button', { type: 'button', className: 'secondary discard-draft', textContent: t.discard });
  restore.addEventListener('click', () => {
    show(draft.document);
    notice();
    $('save-state').textContent = t.unsaved;
  });
  discard.addEventListener('click', () => {
    localStorage.removeItem(draftKey());
    notice();
  });
  notice(el('span', { textContent: t.draftFound(formatDate(draft.at)) }), restore, discard);
}

async function open() {
  if (opened) return;
  opened = true;
  if (spaceId) {
    try {
      const { response, json } = await api('GET', `/v1/space/figures/${encodeURIComponent(spaceId)}`);
      etag = response.headers.get('etag');
      show(json);
    } catch (err) {
      say(err instanceof ApiError && err.status === 404 ? t.notFound : err.message);
    }
  } else if (!$('title').value) {
    $('title').value = pick(editor.document.title) || t.untitled;
  }
  offerDraft();
  document.body.dataset.ready = 'true';
}

async function save() {
  if (!signedIn) {
    keepDraft();
    say(t.signInToSave);
    return;
  }
  const doc = current();
  const before = draftKey();
  $('save-state').textContent = t.saving;
  try {
    if (!spaceId) {
      const { json } = await api('POST', '/v1/space/figures', { body: { document: doc } });
      spaceId = json.id;
      etag = json.etag;
      history.replaceState(null, '', `?space=${encodeURIComponent(spaceId)}`);
    } else {
      const { json } = await api('PUT', `/v1/space/figures/${encodeURIComponent(spaceId)}`, { body: doc, headers: { 'if-match': etag } });
      etag = json.etag;
    }
    localStorage.removeItem(before);
    localStorage.removeItem(draftKey());
    $('save-state').textContent = t.saved(formatDate(new Date().toISOString()));
    say('');
  } catch (err) {
    if (err instanceof ApiError && err.status === 412) {
      // Saved elsewhere meanwhile: neither version is lost. Ours becomes a copy, and editing goes on there.
      const other = spaceId;
      const copyTitle = t.conflictTitle(pick(doc.title));
      const copy = { ...doc, title: copyTitle };
      const { json } = await api('POST', '/v1/space/figures', { body: { document: copy } });
      localStorage.removeItem(draftKey());
      spaceId = json.id;
      etag = json.etag;
      history.replaceState(null, '', `?space=${encodeURIComponent(spaceId)}`);
      $('title').value = copyTitle;
      $('save-state').textContent = t.saved(formatDate(new Date().toISOString()));
      notice(el('span', { textContent: t.conflict(copyTitle) }), el('a', { href: `/app/edit/?space=${encodeURIComponent(other)}`, textContent: t.openOther, className: 'button secondary' }));
      return;
    }
    keepDraft();
    say(err instanceof TypeError ? t.offline : t.failed(err.message));
  }
}

$('heading').textContent = t.title;
$('title-label').textContent = t.titleLabel;
$('save').textContent = t.save;
editor.lang = locale;
await customElements.whenDefined('netpad-editor');
editor.addEventListener('netpad-editor-change', keepDraft);
$('title').addEventListener('input', keepDraft);
$('save').addEventListener('click', () => void save());
document.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
    e.preventDefault();
    void save();
  }
});
await mountShell({
  current: 'edit',
  title: { 'zh-CN': '编辑图形', en: 'Edit figure' },
  onSignedIn: async () => {
    signedIn = true;
    await open();
  },
});
// Signed out: a new figure can be built (and is kept as a draft); a saved one needs the sign-in.
if (!session.signedIn) {
  if (spaceId) say(t.signInToSave);
  else await open();
}
