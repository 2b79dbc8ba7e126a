/** Every string the add-in shows, in zh-CN and en. */
export type Locale = 'zh-CN' | 'en';

const en = {
  title: 'Netpad figures',
  outsideOffice: 'This add-in runs in PowerPoint. Insert it into a slide (Insert › Add-ins › My Add-ins) to put a live figure on the slide.',
  signIn: 'Sign in',
  signOut: 'Sign out',
  signingIn: 'Signing in… finish in the Netpad window.',
  signedInAs: 'Signed in as {user}',
  signInCancelled: 'Sign-in cancelled. Figures that are not free need a sign-in; try again when you are ready.',
  signInFailed: 'Sign-in failed: {reason}. Try again.',
  signInDialogBlocked: 'The sign-in window could not open ({reason}). Allow dialogs for this add-in and try again.',
  catalogue: 'Catalogue',
  mySpace: 'My figures',
  newFigure: 'New figure',
  editFigure: 'Edit',
  saveEdit: 'Save',
  cancelEdit: 'Cancel',
  editorLoading: 'Loading the editor…',
  editNeedsSignIn: 'Sign in to save the figure to your space.',
  savedToSpace: 'Saved in the slide and in your space.',
  savedInSlide: 'Saved in the slide.',
  conflictKept: 'This figure was changed elsewhere meanwhile: both versions are kept; yours is saved as “{title}”.',
  conflictTitle: '{title} (conflicting copy)',
  allFigures: 'All figures',
  search: 'Search',
  searchPlaceholder: 'Search figures',
  loading: 'Loading…',
  noResults: 'No figures found.',
  spaceNeedsSignIn: 'Sign in to see your own figures.',
  spaceEmpty: 'Your space has no figures yet.',
  networkError: 'Netpad cannot be reached: {reason}',
  insert: 'Insert',
  getOnNetpad: 'Get it on Netpad',
  inserting: 'Inserting…',
  free: 'free',
  viewOnly: 'view only',
  editable: 'editable',
  expiresOn: 'expires on {date}',
  noAccess: 'not available: sign in, or get access on Netpad',
  expiredOn: 'access ended on {date}',
  reset: 'Reset',
  change: 'Choose another figure',
  renew: 'Renew',
  refreshing: 'Renewing…',
  saved: 'Saved in the slide',
  saveFailed: 'Could not save in the slide: {reason}',
  readEmpty: 'No figure on this slide yet. Leave the slide show and insert one in Normal view.',
  expiredNotice: 'Access to this figure ended on {date}: showing its picture. To renew, leave the slide show, sign in to Netpad on this slide (Normal view) and choose "Renew".',
  invalidStored: 'The figure stored in this slide cannot be shown: {reason}',
  cancel: 'Cancel',
  finishingSignIn: 'Finishing sign-in…',
  dialogBadTarget: 'This sign-in link is not for the configured Netpad platform.',
  dialogNoParent: 'Open this page from the add-in in PowerPoint.',
};

export type MessageKey = keyof typeof en;

const zh: Record<MessageKey, string> = {
  title: 'Netpad 图形',
  outsideOffice: '此加载项在 PowerPoint 中运行。请在幻灯片中插入它（插入 › 加载项 › 我的加载项），在幻灯片上放置可交互的图形。',
  signIn: '登录',
  signOut: '退出登录',
  signingIn: '正在登录……请在 Netpad 窗口中完成。',
  signedInAs: '已登录：{user}',
  signInCancelled: '已取消登录。非免费图形需要登录；准备好后可以再试一次。',
  signInFailed: '登录失败：{reason}。请重试。',
  signInDialogBlocked: '无法打开登录窗口（{reason}）。请允许此加载项打开对话框后重试。',
  catalogue: '资源目录',
  mySpace: '我的图形',
  newFigure: '新建图形',
  editFigure: '编辑',
  saveEdit: '保存',
  cancelEdit: '取消',
  editorLoading: '正在加载作图工具…',
  editNeedsSignIn: '登录后才能把图形保存到你的空间。',
  savedToSpace: '已保存到幻灯片和你的空间。',
  savedInSlide: '已保存到幻灯片。',
  conflictKept: '这个图形在别处已被修改：两个版本都已保留，你的修改另存为“{title}”。',
  conflictTitle: '{title}（冲突副本）',
  allFigures: '全部图形',
  search: '搜索',
  searchPlaceholder: '搜索图形',
  loading: '正在加载……',
  noResults: '没有找到图形。',
  spaceNeedsSignIn: '登录后可查看自己的图形。',
  spaceEmpty: '你的空间里还没有图形。',
  networkError: '无法连接 Netpad：{reason}',
  insert: '插入',
  getOnNetpad: '在 Netpad 上获取',
  inserting: '正在插入……',
  free: '免费',
  viewOnly: '仅可查看',
  editable: '可编辑',
  expiresOn: '{date} 到期',
  noAccess: '无权使用：请登录，或在 Netpad 获取授权',
  expiredOn: '授权已于 {date} 到期',
  reset: '重置',
  change: '选择其他图形',
  renew: '续订',
  refreshing: '正在续订……',
  saved: '已保存到幻灯片',
  saveFailed: '无法保存到幻灯片：{reason}',
  readEmpty: '这张幻灯片还没有图形。请退出放映，在普通视图中插入图形。',
  expiredNotice: '此图形的授权已于 {date} 到期，现显示其静态图片。续订方法：退出放映，在普通视图中于此幻灯片登录 Netpad，然后点击“续订”。',
  invalidStored: '无法显示此幻灯片中保存的图形：{reason}',
  cancel: '取消',
  finishingSignIn: '正在完成登录……',
  dialogBadTarget: '此登录链接不属于已配置的 Netpad 平台。',
  dialogNoParent: '请从 PowerPoint 中的加载项打开此页面。',
};

const MESSAGES: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zh };

/** Both tables, for tests that check every key exists in each language. */
export const ALL_MESSAGES = MESSAGES;

/** zh, zh-CN, zh-Hans-CN… → zh-CN; anything else → en. */
export function localeOf(tag: string | undefined | null): Locale {
  return tag && /^zh\b/i.test(tag) ? 'zh-CN' : 'en';
}

export type Translate = (key: MessageKey, params?: Record<string, string>) => string;

export function translator(locale: Locale): Translate {
  return (key, params = {}) => MESSAGES[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

/** A date as the reader's language writes it (the day only). */
export function formatDate(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(date);
}
