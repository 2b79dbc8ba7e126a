// A vendor's e-textbook chapter: 100 figures inline, with one NetpadClient for the page.
import { configureNetpad, notifySessionChange, NetpadClient, UserSession } from '/lib/embed/netpad-embed.js';

const FIGURES_IN_CHAPTER = 100;
const platform = location.origin;
const clientId = 'demo-blog';
const lang = document.documentElement.lang === 'en' ? 'en' : 'zh-CN';

const session = new UserSession({ platform, clientId, redirectUri: new URL('/examples/sdk/callback.html', location.href).href, locale: lang });
const client = new NetpadClient({ platform, clientId, tokenProvider: session });
configureNetpad({ platform, clientId, client, session, mode: 'inline' });

const who = document.getElementById('who');
const button = document.getElementById('sign-in');
button.addEventListener('click', () => {
  // From the click itself: the popup opens at once.
  session.signInPopup().then(
    () => {
      who.textContent = `${session.subject}`;
      button.hidden = true;
      notifySessionChange();
    },
    (err) => {
      who.textContent = `${err.name}: ${err.message}`;
    },
  );
});

// The chapter's figures: the catalogue, repeated until there are 100 (a real chapter lists its own).
const catalogue = [];
for await (const figure of client.catalog.search({}, { pageSize: 50 })) catalogue.push(figure);
const list = document.getElementById('figures');
for (let i = 0; i < FIGURES_IN_CHAPTER && catalogue.length; i++) {
  const figure = catalogue[i % catalogue.length];
  const item = document.createElement('li');
  const heading = document.createElement('h2');
  heading.textContent = `图 5-${i + 1}\u3000${figure.title[lang]}`;
  const embed = document.createElement('netpad-embed');
  embed.setAttribute('resource', figure.id);
  embed.dataset.index = String(i);
  item.append(heading, embed);
  list.append(item);
}
document.documentElement.dataset.figures = String(list.children.length);
