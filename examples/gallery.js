// Builds the gallery from figures/index.json. Titles are set with textContent: figure text is
// author content and never becomes markup.
const STAGES = { primary: '小学 Primary', junior: '初中 Junior', senior: '高中 Senior' };

const gallery = document.getElementById('gallery');
const response = await fetch('./figures/index.json');
const figures = await response.json();

for (const figure of figures) {
  const card = document.createElement('article');
  card.className = 'card';

  const h2 = document.createElement('h2');
  h2.textContent = figure.title['zh-CN'] ?? figure.title.en;
  const stage = document.createElement('span');
  stage.className = 'stage';
  stage.textContent = `${STAGES[figure.stage] ?? figure.stage} · ${figure.grade}`;
  h2.append(stage);

  const en = document.createElement('p');
  en.className = 'en';
  en.textContent = figure.title.en ?? '';

  const embed = document.createElement('netpad-embed');
  embed.setAttribute('src', `./figures/${figure.file}`);
  embed.setAttribute('alt', `${figure.title['zh-CN'] ?? ''} ${figure.title.en ?? ''}`.trim());
  embed.dataset.file = figure.file;

  card.append(h2, en, embed);
  gallery.append(card);
}
gallery.dataset.count = String(figures.length);
