// The operators' console of the web app: the platform at a glance (people, content, apps,
// sales and API use over 30 days), every registered app with suspend (a reason the developer
// reads) and resume, and the audit log, newest first. The API checks the operator role; this
// page only decides what to show.
import { api, ApiError, el, formatDate, locale, mountShell, say } from '/app/shell.js';

const T = {
  'zh-CN': {
    title: '运营控制台', signInFirst: '请以运营人员身份登录。', notOperator: '此页面仅供平台运营人员使用。',
    overview: '概况（近 30 天）', apps: '应用', audit: '审计日志', older: '更早的记录', none: '暂无。',
    stats: { users: '用户', catalogueFigures: '目录中的图形', spaceFigures: '个人空间中的图形', apps: '应用（已暂停）', paidOrders: '已支付订单', revenue: '收入（NPC）', apiCalls: 'API 调用（错误）' },
    suspend: '暂停', resume: '恢复', reason: '暂停原因（开发者会看到）', confirmSuspend: '确认暂停', cancel: '取消',
    active: '正常', suspended: (why) => `已暂停：${why}`, owner: (o) => `所有者 ${o}`, suspendedDone: (id) => `已暂停 ${id}。`, resumedDone: (id) => `已恢复 ${id}。`,
    reasonNeeded: '请写明暂停原因。', failed: (m) => `操作失败：${m}`, byConsole: '控制台', byCli: '命令行',
    actions: { 'app.create': '注册应用', 'app.update': '修改应用', 'app.remove': '删除应用', 'app.suspend': '暂停应用', 'app.resume': '恢复应用', 'key.rotate': '生成新密钥', 'key.revoke': '吊销密钥' },
  },
  en: {
    title: 'Operators’ console', signInFirst: 'Sign in as an operator.', notOperator: 'This page is for the platform’s operators.',
    overview: 'At a glance (last 30 days)', apps: 'Apps', audit: 'Audit log', older: 'Older entries', none: 'None yet.',
    stats: { users: 'Users', catalogueFigures: 'Catalogue figures', spaceFigures: 'Figures in personal spaces', apps: 'Apps (suspended)', paidOrders: 'Paid orders', revenue: 'Revenue (NPC)', apiCalls: 'API calls (errors)' },
    suspend: 'Suspend', resume: 'Resume', reason: 'Why (the developer reads it)', confirmSuspend: 'Suspend the app', cancel: 'Cancel',
    active: 'active', suspended: (why) => `suspended: ${why}`, owner: (o) => `owner ${o}`, suspendedDone: (id) => `${id} is suspended.`, resumedDone: (id) => `${id} is running again.`,
    reasonNeeded: 'Give the reason.', failed: (m) => `That did not work: ${m}`, byConsole: 'console', byCli: 'CLI',
    actions: { 'app.create': 'app registered', 'app.update': 'app changed', 'app.remove': 'app removed', 'app.suspend': 'app suspended', 'app.resume': 'app resumed', 'key.rotate': 'new key', 'key.revoke': 'key revoked' },
  },
};
const t = T[locale];
const $ = (id) => document.getElementById(id);
const number = (n) => n.toLocaleString(locale);

function showOverview(o) {
  const rows = [
    ['users', number(o.users)],
    ['catalogueFigures', number(o.catalogueFigures)],
    ['spaceFigures', number(o.spaceFigures)],
    ['apps', `${number(o.apps.total)} (${number(o.apps.suspended)})`],
    ['paidOrders', number(o.last30Days.paidOrders)],
    ['revenue', number(o.last30Days.revenue)],
    ['apiCalls', `${number(o.last30Days.apiCalls)} (${number(o.last30Days.apiErrors)})`],
  ];
  $('overview').replaceChildren(...rows.map(([key, value]) => el('div', { dataset: { stat: key } }, el('dt', { textContent: t.stats[key] }), el('dd', { textContent: value }))));
}

async function act(work, done) {
  try {
    await work();
    say(done);
    await refresh();
  } catch (err) {
    say(t.failed(err instanceof ApiError ? err.message : String(err)));
  }
}

function appRow(app) {
  const state = app.suspended ? t.suspended(app.suspended.reason ?? '') : t.active;
  const meta = [app.clientId, app.ownerId ? t.owner(app.ownerId) : t.byCli, state].join(' · ');
  const row = el('li', { dataset: { app: app.clientId } }, el('span', { className: 'title', textContent: app.name }), el('span', { className: 'meta', textContent: meta }));
  if (app.suspended) {
    const resume = el('button', { type: 'button', className: 'secondary resume', textContent: t.resume });
    resume.addEventListener('click', () => void act(() => api('POST', `/v1/admin/apps/${encodeURIComponent(app.clientId)}/resume`, { body: {} }), t.resumedDone(app.clientId)));
    row.append(resume);
    return row;
  }
  // The reason is asked in the row itself, not in a prompt(): it can be read back, and a phone keeps it.
  const suspend = el('button', { type: 'button', className: 'secondary suspend', textContent: t.suspend });
  const reason = el('input', { name: 'reason', maxLength: 500, required: true, 'aria-label': t.reason, placeholder: t.reason });
  const cancel = el('button', { type: 'button', className: 'secondary', textContent: t.cancel });
  const form = el('form', { hidden: true }, reason, el('button', { type: 'submit', textContent: t.confirmSuspend }), cancel);
  suspend.addEventListener('click', () => {
    form.hidden = false;
    suspend.hidden = true;
    reason.focus();
  });
  cancel.addEventListener('click', () => {
    form.hidden = true;
    suspend.hidden = false;
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const why = reason.value.trim();
    if (!why) return say(t.reasonNeeded);
    void act(() => api('POST', `/v1/admin/apps/${encodeURIComponent(app.clientId)}/suspend`, { body: { reason: why } }), t.suspendedDone(app.clientId));
  });
  row.append(suspend, form);
  return row;
}

function auditRow(entry) {
  const who = entry.actor.startsWith('operator:') ? `${t.byConsole} (${entry.actor.slice(9)})` : entry.actor === 'cli' ? t.byCli : entry.actor.replace(/^user:/, '');
  const meta = [formatDate(entry.at), who, entry.clientId].filter(Boolean).join(' · ');
  const details = entry.detail && Object.keys(entry.detail).length ? JSON.stringify(entry.detail) : '';
  return el('li', { dataset: { entry: String(entry.id) } }, el('span', { className: 'title', textContent: t.actions[entry.action] ?? entry.action }), el('span', { className: 'meta', textContent: meta }), details ? el('code', { textContent: details }) : null);
}

const fill = (list, items, row) => list.replaceChildren(...(items.length ? items.map(row) : [el('li', { className: 'empty', textContent: t.none })]));
let oldest;

async function refresh() {
  const [{ json: overview }, { json: apps }, { json: audit }] = await Promise.all([api('GET', '/v1/admin/overview'), api('GET', '/v1/admin/apps'), api('GET', '/v1/admin/audit')]);
  showOverview(overview);
  fill($('apps'), apps.items, appRow);
  fill($('audit'), audit.items, auditRow);
  oldest = audit.items.at(-1)?.id;
  $('older').hidden = oldest === undefined;
}

$('heading').textContent = t.title;
$('signed-out').textContent = t.signInFirst;
$('not-operator').textContent = t.notOperator;
$('overview-title').textContent = t.overview;
$('apps-title').textContent = t.apps;
$('audit-title').textContent = t.audit;
$('older').textContent = t.older;
$('older').addEventListener('click', async () => {
  const { json } = await api('GET', `/v1/admin/audit?before=${oldest}`);
  $('audit').append(...json.items.map(auditRow));
  oldest = json.items.at(-1)?.id;
  $('older').hidden = json.items.length === 0;
});
await mountShell({
  current: 'console',
  title: { 'zh-CN': '运营控制台', en: 'Operators’ console' },
  onSignedIn: async (me) => {
    $('signed-out').hidden = true;
    if (!me.operator) {
      $('not-operator').hidden = false;
      return;
    }
    await refresh();
    $('signed-in').hidden = false;
    document.body.dataset.ready = 'true';
  },
  onSignedOut: () => {
    $('signed-out').hidden = false;
  },
});
