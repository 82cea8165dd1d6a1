//! The wasm module the app imports on demand, so the first download holds
//! only the shell: the pages module (`flows/`, this crate built with the
//! `flows` feature: the flows, the access review, the change page, the studio
//! — and the engine, ramp-js, linked in so that its exports are this
//! module's). It is imported once per page — the promise is kept on
//! `globalThis`, so the shell and the pages module (two wasm instances) share
//! it. The single-file build (`make dist-single`) carries it inline instead
//! (`globalThis.RAMP_FLOWS_INLINE`). See docs/modules.md.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(inline_js = r#"
export function import_module(url, wasm, inline_name) {
  const loaded = (globalThis.__rampModules ??= new Map());
  let m = loaded.get(url);
  if (!m) {
    const inline = globalThis[inline_name];
    const source = inline ? URL.createObjectURL(new Blob([inline.js], { type: 'text/javascript' })) : url;
    const bytes = inline ? Uint8Array.from(atob(inline.wasm), (c) => c.charCodeAt(0)) : new URL(wasm, url);
    m = import(source)
      .then(async (mod) => { await mod.default({ module_or_path: bytes }); return mod; })
      .catch((e) => { loaded.delete(url); throw e; });
    loaded.set(url, m);
  }
  return m;
}
"#)]
extern "C" {
    fn import_module(url: &str, wasm: &str, inline_name: &str) -> js_sys::Promise;
}

/// A module built beside the app.
#[derive(Debug, Clone, Copy)]
pub struct Module {
    /// Its glue, relative to the app's files.
    pub glue: &'static str,
    /// Its wasm, relative to the glue.
    pub wasm: &'static str,
    /// The global the single-file build puts it in.
    pub inline: &'static str,
}

/// The pages module: the flow pages, the review and apply, the access review,
/// the change page and the studio; with the engine's exports (ramp-js: the
/// planner, exporters, linter, evaluator, comparison and catalogue).
pub const FLOWS: Module = Module {
    glue: "flows/ramp-flows.js",
    wasm: "ramp-flows_bg.wasm",
    inline: "RAMP_FLOWS_INLINE",
};

thread_local! {
    /// Where the app's built files are when embedded on another page (the
    /// URL `ramp-embed.js` came from); empty: this document's base.
    static ASSETS: RefCell<String> = const { RefCell::new(String::new()) };
}

/// The embedded wizard's built files (and so its modules) are under `base`.
pub fn set_assets(base: &str) {
    ASSETS.with(|a| *a.borrow_mut() = base.to_owned());
}

fn url_of(path: &str) -> String {
    let assets = ASSETS.with(|a| a.borrow().clone());
    let base = if assets.is_empty() {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.base_uri().ok().flatten())
            .unwrap_or_default()
    } else {
        assets
    };
    web_sys::Url::new_with_base(path, &base)
        .map(|u| u.href())
        .unwrap_or_else(|_| format!("/{path}"))
}

/// The module's exports, once it is loaded and started.
pub async fn load(module: Module) -> Result<JsValue, JsValue> {
    JsFuture::from(import_module(
        &url_of(module.glue),
        module.wasm,
        module.inline,
    ))
    .await
}
