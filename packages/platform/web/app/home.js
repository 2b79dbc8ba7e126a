// The platform's home: the catalogue by stage › grade › edition › volume › chapter › section and
// by topic, search, and a grid of posters, each saying what the reader may do with the figure.
import { api, el, formatDate, locale, mountShell, pick, say } from '/app/shell.js';

const T = {
  'zh-CN': {
    title: '资源目录', heading: '动态数学资源', tree: '目录', all: '全部图形', search: '搜索', placeholder: '如：勾股定理、人教版 八年级上册、circumcircle',
    results: (n) => `图形（${n}）`, resultsSearch: (q, n) => `“${q}”的搜索结果（${n}）`, more: '更多', none: '没有找到图形。', relaxed: (w) => `没有同时符合“${w}”的图形，已在全部范围内查找。`,
    free: '免费', yours: (d) => `可用至 ${d}`, yoursForever: '已拥有', buy: '付费', open: '打开', editCopy: '编辑副本', copying: '正在复制到我的空间…', topics: '专题', expand: (n) => `展开 ${n}`,
  },
  en: {
    title: 'Catalogue', heading: 'Dynamic maths resources', tree: 'Browse', all: 'All figures', search: 'Search', placeholder: 'e.g. Pythagorean, 人教版 八年级上册, circumcircle',
    results: (n) => `Figures (${n})`, resultsSearch: (q, n) => `Results for “${q}” (${n})`, more: 'More', none: 'No figures found.', relaxed: (w) => `Nothing matched “${w}” as well, so the search looked everywhere.`,
    free: 'Free', yours: (d) => `Yours until ${d}`, yoursForever: 'Yours', buy: 'Paid', open: 'Open', editCopy: 'Edit a copy', copying: 'Copying to My space…', topics: 'Topics', expand: (n) => `Show what is in ${n}`,
  },
};
const t = T[locale];
const $ = (id) => document.getElementById(id);
let filters = {};
let next = null;
let shown = 0;

function badge(entitlement, free) {
  if (free) return el('span', { className: 'badge free', textContent: t.free });
  if (entitlement.actions.includes('view')) {
    const until = entitlement.expiresAt;
    return el('span', { className: 'badge yours', textContent: until ? t.yours(formatDate(until)) : t.yoursForever });
  }
  return el('span', { className: 'badge', textContent: t.buy });
}

/** A title with the search's matches marked: ranges from the API, text nodes only. */
function highlighted(text, ranges = []) {
  const out = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) out.push(text.slice(at, start));
    out.push(el('mark', { textContent: text.slice(start, end) }));
    at = end;
  }
  out.push(text.slice(at));
  return out;
}

function card(f) {
  const title = pick(f.title);
  const ranges = f.highlights?.title?.[locale];
  const actions = el('div', { className: 'actions' }, el('a', { className: 'button secondary', href: `/figures/${encodeURIComponent(f.id)}?lang=${locale}`, textContent: t.open }));
  if (f.entitlement.actions.includes('save_as')) {
    const copy = el('button', { type: 'button', className: 'edit-copy', textContent: t.editCopy });
    copy.addEventListener('click', async () => {
      say(t.copying);
      try {
        const { json } = await api('POST', '/v1/space/figures', { body: { from: f.id } });
        location.href = `/app/edit/?space=${encodeURIComponent(json.id)}`;
      } catch (err) {
        say(err.message);
      }
    });
    actions.append(copy);
  }
  return el(
    'li',
    { className: 'card', dataset: { id: f.id } },
    el('img', { src: `/v1/figures/${encodeURIComponent(f.id)}/poster.svg`, alt: title, loading: 'lazy', width: 400, height: 300 }),
    el('div', { className: 'body' }, el('h3', {}, el('a', { href: `/figures/${encodeURIComponent(f.id)}?lang=${locale}` }, ...highlighted(title, ranges))), badge(f.entitlement, f.free), actions),
  );
}

async function load(reset = true) {
  const query = new URLSearchParams({ ...filters, limit: '24' });
  if (!reset && next) query.set('cursor', next);
  try {
    const { json } = await api('GET', `/v1/figures?${query}`);
    if (reset) {
      $('results').replaceChildren();
      shown = 0;
    }
    $('results').append(...json.items.map(card));
    shown += json.items.length;
    next = json.next;
    $('more').hidden = !next;
    $('results-title').textContent = filters.q ? t.resultsSearch(filters.q, shown + (next ? '+' : '')) : t.results(shown + (next ? '+' : ''));
    if (!shown) $('results').append(el('li', { className: 'empty', textContent: t.none }));
    say(json.query?.relaxed?.length ? t.relaxed(json.query.relaxed.join(' ')) : '');
  } catch (err) {
    say(err.message);
  }
}

/**
 * The tree: each node is a button that shows its figures, and a node with children has a
 * toggle beside it (two controls side by side, never one inside the other).
 */
function tree(nodes, choose) {
  return el(
    'ul',
    {},
    ...nodes.map((n) => {
      const name = pick(n.name);
      const button = el('button', { type: 'button', className: 'node', textContent: name, dataset: { node: n.id } });
      button.addEventListener('click', () => choose(n.id, button));
      if (!n.children.length) return el('li', {}, el('span', { className: 'toggle-space', 'aria-hidden': 'true' }), button);
      const children = tree(n.children, choose);
      children.hidden = true;
      const toggle = el('button', { type: 'button', className: 'toggle', 'aria-expanded': 'false', 'aria-label': t.expand(name), textContent: '▸' });
      toggle.addEventListener('click', () => {
        const open = toggle.getAttribute('aria-expanded') !== 'true';
        toggle.setAttribute('aria-expanded', String(open));
        toggle.textContent = open ? '▾' : '▸';
        children.hidden = !open;
      });
      return el('li', {}, toggle, button, children);
    }),
  );
}

async function showTree() {
  const choose = (node, button) => {
    for (const b of $('tree').querySelectorAll('button[aria-current]')) b.removeAttribute('aria-current');
    button.setAttribute('aria-current', 'true');
    filters = node ? { node } : {};
    $('q').value = '';
    void load();
  };
  const all = el('button', { type: 'button', textContent: t.all, 'aria-current': 'true', dataset: { node: '' } });
  all.addEventListener('click', () => choose(undefined, all));
  const { json } = await api('GET', '/v1/dimensions');
  $('tree').append(el('ul', {}, el('li', {}, all)), tree(json.curriculum, choose), el('h2', { textContent: t.topics }), tree(json.topics, choose));
}

let ready = false;
// A sign-in later on (a popup, another tab) shows the reader's own rights on every card.
await mountShell({ current: 'catalogue', title: { 'zh-CN': '资源目录', en: 'Catalogue' }, onSignedIn: () => (ready ? load() : undefined) });
$('heading').textContent = t.heading;
$('tree-title').textContent = t.tree;
$('q-label').textContent = t.search;
$('q').placeholder = t.placeholder;
$('search-button').textContent = t.search;
$('more').textContent = t.more;
$('search').addEventListener('submit', (e) => {
  e.preventDefault();
  const q = $('q').value.trim();
  filters = q ? { q } : {};
  void load();
});
$('more').addEventListener('click', () => void load(false));
await showTree();
await load();
ready = true;
document.body.dataset.ready = 'true';
