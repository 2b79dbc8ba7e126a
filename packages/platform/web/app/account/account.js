// The account page of the web app: the wallet, what the teacher holds (figure or catalogue
// section, what it allows, until when, from which order), and her orders.
import { api, el, formatDate, locale, mountShell, pick } from '/app/shell.js';

const T = {
  'zh-CN': {
    title: '账户', signInFirst: '登录后可以看到你的余额、授权和订单。', wallet: '钱包', balance: (n) => `余额：${n} NPC`, rights: '我的授权', orders: '订单', none: '暂无。',
    actions: { view: '查看', edit: '编辑', save_as: '另存' }, section: '（目录）', forever: '长期有效', until: (d) => `有效期至 ${d}`, ended: (d) => `已于 ${d} 到期`, fromOrder: (id) => `订单 ${id}`,
    status: { pending: '待支付', paid: '已支付', expired: '已过期' }, open: '打开',
  },
  en: {
    title: 'Account', signInFirst: 'Sign in to see your balance, your rights and your orders.', wallet: 'Wallet', balance: (n) => `Balance: ${n} NPC`, rights: 'What I hold', orders: 'Orders', none: 'None yet.',
    actions: { view: 'view', edit: 'edit', save_as: 'save as' }, section: ' (catalogue section)', forever: 'no end date', until: (d) => `until ${d}`, ended: (d) => `ended ${d}`, fromOrder: (id) => `order ${id}`,
    status: { pending: 'pending', paid: 'paid', expired: 'expired' }, open: 'Open',
  },
};
const t = T[locale];
const $ = (id) => document.getElementById(id);

function rightRow(r) {
  const actions = r.actions.map((a) => t.actions[a] ?? a).join(locale === 'zh-CN' ? '、' : ', ');
  const until = r.validUntil === null ? t.forever : r.active ? t.until(formatDate(r.validUntil)) : t.ended(formatDate(r.validUntil));
  const meta = [actions, until, r.source.kind === 'order' ? t.fromOrder(r.source.orderId) : ''].filter(Boolean).join(' · ');
  const title = `${pick(r.object.name)}${r.object.type === 'node' ? t.section : ''}`;
  const open = r.object.type === 'figure' ? el('a', { className: 'button secondary', href: `/figures/${encodeURIComponent(r.object.id)}?lang=${locale}`, textContent: t.open }) : null;
  return el('li', { dataset: { object: r.object.id } }, el('span', { className: 'title', textContent: title }), el('span', { className: 'meta', textContent: meta }), open);
}

function orderRow(o) {
  return el('li', { dataset: { order: o.id } }, el('span', { className: 'title', textContent: pick(o.title) }), el('span', { className: 'meta', textContent: [`${o.price} NPC`, t.status[o.status] ?? o.status, formatDate(o.createdAt)].join(' · ') }));
}

const fill = (id, items, row) => $(id).replaceChildren(...(items.length ? items.map(row) : [el('li', { className: 'empty', textContent: t.none })]));

$('heading').textContent = t.title;
$('signed-out').textContent = t.signInFirst;
$('wallet-title').textContent = t.wallet;
$('rights-title').textContent = t.rights;
$('orders-title').textContent = t.orders;
await mountShell({
  current: 'account',
  title: { 'zh-CN': '账户', en: 'Account' },
  onSignedIn: async () => {
    const [{ json: wallet }, { json: rights }, { json: orders }] = await Promise.all([api('GET', '/v1/wallet'), api('GET', '/v1/me/rights'), api('GET', '/v1/orders')]);
    $('balance').textContent = t.balance(wallet.balance);
    fill('rights', rights.items, rightRow);
    fill('orders', orders.items, orderRow);
    $('signed-out').hidden = true;
    $('signed-in').hidden = false;
    document.body.dataset.ready = 'true';
  },
  onSignedOut: () => {
    $('signed-out').hidden = false;
  },
});
