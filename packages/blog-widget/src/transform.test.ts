import { expect } from '@esm-bundle/chai';
import { figureIdOfLink, RESERVE_CSS, transform, type WidgetOptions } from './transform';

const options: WidgetOptions = { platform: 'https://netpad.example', clientId: 'demo-blog', mode: 'frame', lang: 'zh-CN' };

function post(html: string): HTMLElement {
  const article = document.createElement('article');
  // Test fixtures only: the widget itself never parses HTML.
  article.append(document.createRange().createContextualFragment(html));
  return article;
}

const embeds = (root: Element) =>
  [...root.querySelectorAll('netpad-embed')].map((el) => Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])));

describe('blog widget: finding figures in a post', () => {
  it('turns a shortcode alone in its paragraph into a figure in place of the paragraph', () => {
    const root = post('<p>Before</p><p>[netpad id="hyperbola-rectangle"]</p><p>After</p>');
    expect(transform(root, options)).to.have.length(1);
    expect(embeds(root)).to.deep.equal([
      { resource: 'hyperbola-rectangle', platform: 'https://netpad.example', 'client-id': 'demo-blog', mode: 'frame', lang: 'zh-CN' },
    ]);
    expect([...root.children].map((c) => c.tagName)).to.deep.equal(['P', 'NETPAD-EMBED', 'P']);
  });

  it('reads single-quoted, bare and extra attributes, and several shortcodes in one text', () => {
    const root = post("<div>[netpad id='pythagoras' aspect=\"16/9\"] and [netpad id=sine-wave reveal=interaction]</div>");
    transform(root, options);
    const [a, b] = embeds(root);
    expect(a).to.include({ resource: 'pythagoras', 'aspect-ratio': '16/9' });
    expect(b).to.include({ resource: 'sine-wave', reveal: 'interaction' });
    expect(root.textContent).to.contain(' and ');
  });

  it('makes a figure (that will say what is wrong) for a shortcode without an id', () => {
    const root = post('<p>[netpad]</p>');
    transform(root, options);
    expect(embeds(root)).to.have.length(1);
    expect(embeds(root)[0]).to.not.have.property('resource');
  });

  it('turns a lone link to a figure page into a figure, and leaves links in sentences and other sites alone', () => {
    const root = post(`
      <p><a href="https://netpad.example/figures/pythagoras">Pythagoras</a></p>
      <p>Read <a href="https://netpad.example/figures/sine-wave">the sine wave</a> first.</p>
      <p><a href="https://elsewhere.example/figures/pythagoras">elsewhere</a></p>
      <p><a href="https://netpad.example/examples/">examples</a></p>`);
    transform(root, options);
    expect(embeds(root).map((e) => e.resource)).to.deep.equal(['pythagoras']);
    expect(embeds(root)[0]!.alt).to.equal('Pythagoras');
    expect(root.querySelectorAll('a')).to.have.length(3);
  });

  it('turns a bare figure URL alone in its paragraph into a figure, and leaves URLs in sentences alone', () => {
    const root = post(`
      <p>https://netpad.example/figures/unit-circle</p>
      <p>  https://netpad.example/figures/sine-wave/  </p>
      <p>See https://netpad.example/figures/pythagoras for more.</p>
      <p>https://elsewhere.example/figures/pythagoras</p>
      <p>https://netpad.example/figures/%E0</p>
      <pre>https://netpad.example/figures/cycloid</pre>`);
    transform(root, options);
    expect(embeds(root).map((e) => e.resource)).to.deep.equal(['unit-circle', 'sine-wave']);
    expect(root.textContent).to.contain('See https://netpad.example/figures/pythagoras for more.');
    expect(root.querySelector('pre')!.textContent).to.equal('https://netpad.example/figures/cycloid');
  });

  it('leaves code samples, scripts and editable areas alone, and does not transform twice', () => {
    const root = post('<pre>[netpad id="a"]</pre><p><code>[netpad id="b"]</code></p><textarea>[netpad id="c"]</textarea><div contenteditable="true">[netpad id="d"]</div>');
    expect(transform(root, options)).to.have.length(0);
    const again = post('<p>[netpad id="x"]</p>');
    transform(again, options);
    expect(transform(again, options)).to.have.length(0);
    expect(embeds(again)).to.have.length(1);
  });

  it('keeps author text as text: a shortcode attribute cannot inject markup', () => {
    const root = post('<p>[netpad id="x&quot; onload=&quot;alert(1)" aspect="&lt;img src=x&gt;"]</p>');
    transform(root, options);
    const el = root.querySelector('netpad-embed')!;
    expect(el.getAttributeNames().sort()).to.deep.equal(['aspect-ratio', 'client-id', 'lang', 'mode', 'platform', 'resource']);
    expect(root.querySelector('img')).to.equal(null);
  });

  it('recognises only figure pages of its own platform', () => {
    expect(figureIdOfLink('https://netpad.example/figures/unit-circle', options.platform)).to.equal('unit-circle');
    expect(figureIdOfLink('https://netpad.example/figures/unit-circle/', options.platform)).to.equal('unit-circle');
    expect(figureIdOfLink('https://netpad.example/figures/', options.platform)).to.equal(undefined);
    expect(figureIdOfLink('https://netpad.example.evil/figures/x', options.platform)).to.equal(undefined);
    expect(figureIdOfLink('not a url', options.platform)).to.equal(undefined);
    expect(figureIdOfLink('https://netpad.example/figures/%E0', options.platform), 'a malformed escape').to.equal(undefined);
  });

  it('reserves each figure\'s box before the element is defined, in its own ratio, so the text around it never moves', () => {
    expect(customElements.get('netpad-embed'), 'this test runs before the element exists').to.equal(undefined);
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(RESERVE_CSS);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    const root = post('<p>[netpad id="hyperbola-rectangle"]</p><p>[netpad id="sine-wave" aspect="16/9"]</p><p>[netpad id="x" aspect="bogus"]</p>');
    root.style.width = '400px';
    document.body.append(root);
    try {
      transform(root, options);
      const [plain, wide, bogus] = [...root.querySelectorAll('netpad-embed')].map((el) => el.getBoundingClientRect());
      expect(plain!.height).to.equal(300);
      expect(wide!.height).to.equal(225);
      expect(bogus!.height, 'a ratio the element would refuse reserves its default').to.equal(300);
    } finally {
      root.remove();
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    }
  });
});
