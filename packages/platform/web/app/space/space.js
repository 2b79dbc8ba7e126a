// My space: the teacher's own figures — new, open, rename, duplicate, delete (with undo).
import { api, el, formatDate, locale, mountShell, retitled, say } from '/app/shell.js';

const T = {
  'zh-CN': {
    title: '我的空间', signInFirst: '登录后可以看到你保存的图形。', newFigure: '新建图形', empty: '还没有图形：新建一个，或在资源目录里“编辑副本”。',
    open: '打开', rename: '重命名', duplicate: '复制', delete: '删除', save: '保存', cancel: '取消', newTitle: '新标题',
    updated: (d) => `修改于 ${d}`, copyOf: (n) => `${n}（副本）`, deleted: (n) => `已删除“${n}”。`, undo: '撤销', restored: (n) => `已恢复“${n}”。`, fromCatalogue: '来自资源目录',
  },
  en: {
    title: 'My space', signInFirst: 'Sign in to see the figures you saved.', newFigure: 'New figure', empty: 'No figures yet: make one, or “Edit a copy” of a catalogue figure.',
    open: 'Open', rename: 'Rename', duplicate: 'Duplicate', delete: 'Delete', save: 'Save', cancel: 'Cancel', newTitle: 'New title',
    updated: (d) => `changed ${d}`, copyOf: (n) => `${n} (copy)`, deleted: (n) => `Deleted “${n}”.`, undo: 'Undo', restored: (n) => `Restored “${n}”.`, fromCatalogue: 'from the catalogue',
  },
};
const t = T[locale];
const $ = (id) => document.getElementById(id);


async function documentOf(id) {
  const { response, json } = await api('GET', `/v1/space/figures/${encodeURIComponent(id)}`);
  return { document: json, etag: response.headers.get('etag') };
}

function row(f) {
  const title = el('span', { className: 'title', textContent: f.title });
  const meta = el('span', { className: 'meta', textContent: [t.updated(formatDate(f.updatedAt)), f.sourceFigureId ? t.fromCatalogue : ''].filter(Boolean).join(' · ') });
  const open = el('a', { className: 'button', href: `/app/edit/?space=${encodeURIComponent(f.id)}`, textContent: t.open });
  const rename = el('button', { type: 'button', className: 'secondary rename', textContent: t.rename });
  const duplicate = el('button', { type: 'button', className: 'secondary duplicate', textContent: t.duplicate });
  const remove = el('button', { type: 'button', className: 'danger delete', textContent: t.delete });
  const li = el('li', { dataset: { id: f.id } }, title, meta, open, rename, duplicate, remove);
  rename.addEventListener('click', () => {
    const input = el('input', { name: 'title', value: f.title, 'aria-label': t.newTitle, maxLength: 200 });
    const form = el('form', { className: 'rename-form' }, input, el('button', { type: 'submit', textContent: t.save }), el('button', { type: 'button', className: 'secondary', textContent: t.cancel, onclick: () => form.remove() }));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const { document, etag } = await documentOf(f.id);
        await api('PUT', `/v1/space/figures/${encodeURIComponent(f.id)}`, { body: { ...document, title: retitled(document.title, input.value.trim() || f.title) }, headers: { 'if-match': etag } });
        await list();
      } catch (err) {
        say(err.message);
      }
    });
    li.append(form);
    input.focus();
  });
  duplicate.addEventListener('click', async () => {
    try {
      const { document } = await documentOf(f.id);
      await api('POST', '/v1/space/figures', { body: { document: { ...document, title: t.copyOf(f.title) } } });
      await list();
    } catch (err) {
      say(err.message);
    }
  });
  remove.addEventListener('click', async () => {
    try {
      // Kept in the page until the undo offer goes: undo stores it again.
      const { document } = await documentOf(f.id);
      await api('DELETE', `/v1/space/figures/${encodeURIComponent(f.id)}`, { headers: { 'if-match': f.etag } });
      await list();
      const undo = el('button', { type: 'button', className: 'secondary undo-delete', textContent: t.undo });
      undo.addEventListener('click', async () => {
        await api('POST', '/v1/space/figures', { body: { document } });
        await list();
        say(t.restored(f.title));
      });
      $('status').replaceChildren(t.deleted(f.title), ' ', undo);
    } catch (err) {
      say(err.message);
    }
  });
  return li;
}

async function list() {
  const { json } = await api('GET', '/v1/space/figures');
  $('figures').replaceChildren(...(json.items.length ? json.items.map(row) : [el('li', { className: 'empty', textContent: t.empty })]));
}

$('heading').textContent = t.title;
$('new').textContent = t.newFigure;
$('signed-out').textContent = t.signInFirst;
await mountShell({
  current: 'space',
  title: { 'zh-CN': '我的空间', en: 'My space' },
  onSignedIn: async () => {
    $('signed-out').hidden = true;
    $('signed-in').hidden = false;
    await list();
    document.body.dataset.ready = 'true';
  },
  onSignedOut: () => {
    $('signed-out').hidden = false;
  },
});
