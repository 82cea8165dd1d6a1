// ramp-embed.js — generated at build time by scripts/write-embed.sh.
// <script type="module" src="https://ramp.internal.example/ramp-embed.js"></script>
// <ramp-wizard flow="share-with-account" lang="zh"></ramp-wizard>
// Attributes: flow, lang, theme (light|dark|auto), proxy, account-id, role-name,
// user-name, resource-group-id, app. Events (composed CustomEvents): ramp-ready,
// ramp-step, ramp-applied, ramp-export, ramp-error. Or: mount(element, options).
const here = new URL('./', import.meta.url);
globalThis.__RAMP_EMBED__ = true; // the app module must not take over the host page
const app = await import(new URL('@GLUE@', here).href);
await app.default({ module_or_path: new URL('@WASM@', here) });
const stylesheet = new URL('@CSS@', here).href;
const PREFILLS = ['account-id', 'role-name', 'user-name', 'resource-group-id', 'app'];

function options(element, attrs) {
  const prefill = {};
  for (const p of PREFILLS) if (attrs(p) != null) prefill[p] = attrs(p);
  return {
    host: element,
    flow: attrs('flow') ?? 'share-with-account',
    lang: attrs('lang') ?? (navigator.language?.startsWith('zh') ? 'zh' : 'en'),
    theme: attrs('theme') ?? 'light',
    proxy: attrs('proxy') ?? here.origin,
    assets: here.href,
    prefill,
  };
}

class RampWizard extends HTMLElement {
  static observedAttributes = ['flow', 'lang', 'theme', 'proxy', ...PREFILLS];

  connectedCallback() {
    if (!this.shadowRoot) {
      const root = this.attachShadow({ mode: 'open' });
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = stylesheet;
      this.container = document.createElement('div');
      root.append(link, this.container);
    }
    this.handle = app.mount(this.container, options(this, (n) => this.getAttribute(n)));
  }

  disconnectedCallback() {
    this.handle?.unmount();
    this.handle = null;
  }

  attributeChangedCallback() {
    this.handle?.update(options(this, (n) => this.getAttribute(n)));
  }
}

if (!customElements.get('ramp-wizard')) customElements.define('ramp-wizard', RampWizard);

/** Renders a flow into `element` (in its own shadow root, like the element):
 *  returns `{ update(options), unmount() }`. */
export function mount(element, opts = {}) {
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = stylesheet;
  const container = document.createElement('div');
  root.replaceChildren(link, container);
  return app.mount(container, { ...options(element, () => null), ...opts, host: element, prefill: opts.prefill ?? {} });
}
