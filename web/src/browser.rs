//! The few things the app takes from the browser: the clock, randomness, the
//! URL fragment and the preferred language, downloads, and drafts (names and
//! policies only) in localStorage under `ramp.draft.*`.

use ramp_core::lang::Lang;
use ramp_core::time::UtcTime;

/// Now, to the second.
pub fn now() -> UtcTime {
    UtcTime::from_unix_seconds((js_sys::Date::now() / 1000.0) as i64)
}

/// The browser offers no cryptographic randomness (no Web Crypto): Ramp
/// then makes no password, ExternalId or signature nonce at all — a guessable
/// one would be worse than none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoRandomness;

impl NoRandomness {
    /// What the user reads.
    pub fn message(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => "This browser offers no secure random numbers (Web Crypto), so Ramp makes no password, ExternalId or signature here. Use a current browser over https or on this computer.",
            Lang::Zh => "此浏览器不提供安全随机数（Web Crypto），因此 Ramp 不会在此生成密码、ExternalId 或签名。请使用较新的浏览器，并通过 https 或本机访问。",
        }
    }
}

/// `n` bytes from `crypto.getRandomValues` — every random value the app
/// uses comes from here, and it fails closed.
pub fn random_bytes(n: usize) -> Result<Vec<u8>, NoRandomness> {
    let mut bytes = vec![0u8; n];
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(NoRandomness)?;
    // getRandomValues fills at most 65,536 bytes per call.
    for chunk in bytes.chunks_mut(65_536) {
        crypto
            .get_random_values_with_u8_array(chunk)
            .map_err(|_| NoRandomness)?;
    }
    Ok(bytes)
}

/// 128 random bits as hex.
pub fn random_nonce() -> Result<String, NoRandomness> {
    Ok(random_bytes(16)?
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// Resolves after `ms` milliseconds (the app's one timer).
pub async fn sleep(ms: u64) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                ms.min(i32::MAX as u64) as i32,
            );
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// `location.hash`, or empty.
pub fn hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Sets `location.hash` (adds one history entry inside our own fragment only).
pub fn set_hash(path: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(path);
    }
}

/// The language the user last chose here (`ramp.lang`), else the browser's.
pub fn preferred_lang() -> Lang {
    load_draft("lang")
        .or_else(|| web_sys::window().and_then(|w| w.navigator().language()))
        .map(|tag| Lang::from_tag(&tag))
        .unwrap_or_default()
}

/// Remembers the user's language choice.
pub fn remember_lang(lang: Lang) {
    save_draft("lang", lang.tag());
}

/// The element with `id`: in the document, or inside an embedded
/// `<ramp-wizard>`'s shadow root.
pub fn element_by_id(id: &str) -> Option<web_sys::Element> {
    let document = web_sys::window()?.document()?;
    if let Some(e) = document.get_element_by_id(id) {
        return Some(e);
    }
    let hosts = document.query_selector_all("ramp-wizard").ok()?;
    (0..hosts.length())
        .filter_map(|i| hosts.item(i))
        .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
        .filter_map(|h| h.shadow_root())
        .find_map(|root| root.get_element_by_id(id))
}

/// Moves keyboard focus to the element with `id` (a step's heading).
pub fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Sets `<html lang>` so screen readers and fonts follow the switch.
pub fn set_document_lang(lang: Lang) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = el.set_attribute("lang", lang.tag());
    }
}

/// The `change` handler of an `<input type="file">`: reads the chosen file as
/// text (in the browser; nothing is uploaded) and hands it to `on_text`.
pub fn on_file_text(on_text: yew::Callback<String>) -> yew::Callback<web_sys::Event> {
    yew::Callback::from(move |e: web_sys::Event| {
        use wasm_bindgen::JsCast;
        let Some(file) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        let on_text = on_text.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let Ok(text) = wasm_bindgen_futures::JsFuture::from(file.text()).await {
                if let Some(text) = text.as_string() {
                    on_text.emit(text);
                }
            }
        });
    })
}

/// Offers `text` as a file download (a `blob:` URL: the content never enters
/// a URL, history or storage).
pub fn download(filename: &str, text: &str) {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/plain;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(a) = document
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(filename);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// A saved draft (names and policies only; never a secret), from localStorage
/// under Ramp's own `ramp.` prefix.
pub fn load_draft(name: &str) -> Option<String> {
    web_sys::window()?
        .local_storage()
        .ok()??
        .get_item(&format!("ramp.draft.{name}"))
        .ok()?
}

/// Saves a draft (see [`load_draft`]).
pub fn save_draft(name: &str, text: &str) {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.set_item(&format!("ramp.draft.{name}"), text);
    }
}

/// A `beforeunload` listener.
type UnloadListener = wasm_bindgen::closure::Closure<dyn Fn(web_sys::BeforeUnloadEvent)>;

thread_local! {
    /// The `beforeunload` listener while secrets are shown but not yet saved.
    static LEAVE_GUARD: std::cell::RefCell<Option<UnloadListener>> = const { std::cell::RefCell::new(None) };
}

/// While `on`, closing or reloading the tab asks first, and [`may_leave`]
/// asks before an in-app navigation: secrets shown once are still unsaved.
/// The flag is a property of the page (`__rampUnsaved`), so the shell and the
/// flows module — two wasm instances — see the same one.
pub fn guard_leaving(on: bool) {
    use wasm_bindgen::JsCast;
    let Some(w) = web_sys::window() else { return };
    let _ = js_sys::Reflect::set(&w, &"__rampUnsaved".into(), &on.into());
    LEAVE_GUARD.with(|g| {
        let mut g = g.borrow_mut();
        if let Some(old) = g.take() {
            let _ =
                w.remove_event_listener_with_callback("beforeunload", old.as_ref().unchecked_ref());
        }
        if on {
            let f = UnloadListener::new(|e: web_sys::BeforeUnloadEvent| {
                e.prevent_default();
                e.set_return_value("unsaved");
            });
            let _ = w.add_event_listener_with_callback("beforeunload", f.as_ref().unchecked_ref());
            *g = Some(f);
        }
    });
}

/// Whether an in-app navigation may go ahead: yes, unless secrets are still
/// unsaved and the user answers "cancel" to `question`.
pub fn may_leave(question: &str) -> bool {
    let Some(w) = web_sys::window() else {
        return true;
    };
    let guarded = js_sys::Reflect::get(&w, &"__rampUnsaved".into()).is_ok_and(|v| v.is_truthy());
    !guarded || w.confirm_with_message(question).unwrap_or(true)
}

/// Registers `sw.js` (the offline cache of the app and its engine) when the
/// page is a secure context (https, or http on loopback).
pub fn register_service_worker() {
    let Some(w) = web_sys::window() else { return };
    let http = w
        .location()
        .protocol()
        .is_ok_and(|p| p == "http:" || p == "https:");
    // Not from file:// (the single-file build) nor outside a secure context.
    if !http || !w.is_secure_context() {
        return;
    }
    // After the first page is up and idle for a moment: installing copies
    // every built file (the engine too), which should not compete with it.
    wasm_bindgen_futures::spawn_local(async move {
        sleep(3_000).await;
        // Registering fetches sw.js: offline, that fails (and the browser
        // logs an error), so wait for the network to come back first.
        until_online(&w).await;
        let registered = w.navigator().service_worker().register("sw.js");
        // A refusal (private mode, a policy) only means no offline copy.
        let _ = wasm_bindgen_futures::JsFuture::from(registered).await;
    });
}

/// Returns once the browser believes it is online (at once when it already does).
async fn until_online(w: &web_sys::Window) {
    if w.navigator().on_line() {
        return;
    }
    let mut listener = None;
    let back = js_sys::Promise::new(&mut |resolve, _| {
        let _ = w.add_event_listener_with_callback("online", &resolve);
        listener = Some(resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(back).await;
    if let Some(f) = listener {
        let _ = w.remove_event_listener_with_callback("online", &f);
    }
}

/// Whether the browser believes it is online (`navigator.onLine`), kept up
/// to date by the `online` and `offline` events.
#[yew::hook]
pub fn use_online() -> bool {
    use wasm_bindgen::JsCast;
    let online = yew::use_state(|| web_sys::window().is_none_or(|w| w.navigator().on_line()));
    {
        let online = online.clone();
        yew::use_effect_with((), move |_| {
            let set = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
                online.set(web_sys::window().is_none_or(|w| w.navigator().on_line()))
            });
            let w = web_sys::window();
            if let Some(w) = &w {
                for e in ["online", "offline"] {
                    let _ = w.add_event_listener_with_callback(e, set.as_ref().unchecked_ref());
                }
            }
            move || {
                if let Some(w) = w {
                    for e in ["online", "offline"] {
                        let _ =
                            w.remove_event_listener_with_callback(e, set.as_ref().unchecked_ref());
                    }
                }
            }
        });
    }
    *online
}
