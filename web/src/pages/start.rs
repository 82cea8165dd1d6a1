//! The start page a newcomer lands on: what Ramp does, who is signed in (or
//! how to sign in), and every flow with one line each.

use ramp_core::lang::Lang;
use yew::prelude::*;

use crate::connection::{Connected, Info};
use crate::i18n::{route_name, tr};
use crate::route::Route;

/// Properties.
#[derive(Debug, Properties, PartialEq)]
pub struct StartProps {
    /// Language.
    pub lang: Lang,
    /// What the server said about itself.
    pub info: Option<Info>,
    /// The confirmed credentials.
    pub connection: Option<Connected>,
}

/// One line per page: what it is for.
fn purpose(lang: Lang, r: Route) -> &'static str {
    match r {
        Route::Teammate => tr(lang, "Give one or more people (or a program) ARMS access: full or read-only, account-wide or in one resource group.", "为一位或多位成员（或一个程序）开通 ARMS 权限：完全或只读，整个账号或某个资源组。"),
        Route::TeamGroup => tr(lang, "Create a user group, grant ARMS to it once, and add the team.", "创建用户组，一次性授予 ARMS 权限，并添加团队成员。"),
        Route::ShareAccount => tr(lang, "Let another Alibaba Cloud account use ARMS through a role it assumes (AssumeRole).", "让另一个阿里云账号通过扮演角色（AssumeRole）使用 ARMS。"),
        Route::Access => tr(lang, "See who has ARMS access in the account and why, who may assume each role, and what to fix.", "查看账号中谁拥有 ARMS 权限及其来源、各角色可被谁扮演，以及需要修复的问题。"),
        Route::Change => tr(lang, "Remove a leaver's access (in two safe phases), rotate an AccessKey, change a role's trust or a policy — with who gains and who loses, and a rollback.", "移除离职人员的权限（分两个安全阶段）、轮换 AccessKey、修改角色信任策略或权限策略——显示谁获得、谁失去权限，并可回滚。"),
        Route::Studio => tr(lang, "Write, check and simulate trust and permission policies — offline.", "编写、检查并模拟信任策略和权限策略——可离线使用。"),
        Route::Credentials => tr(lang, "Sign in with an AccessKey or STS token (kept in this tab only), see who you are, assume a role.", "使用 AccessKey 或 STS 令牌登录（仅保存在本标签页），查看身份，扮演角色。"),
        Route::Workbench => tr(lang, "See how a request is signed, step by step (for debugging SignatureDoesNotMatch).", "逐步查看请求如何签名（用于排查 SignatureDoesNotMatch）。"),
        Route::Start => "",
    }
}

/// The start page.
#[component]
pub fn StartPage(props: &StartProps) -> Html {
    let lang = props.lang;
    let sandbox = props.info.as_ref().is_some_and(Info::is_sandbox);
    let flows = Route::ALL.into_iter().filter(|r| *r != Route::Start);
    html! {
        <section class="start" data-testid="start">
            <h1>{ tr(lang, "Ramp: ARMS access on Alibaba Cloud, done right", "Ramp：在阿里云上正确开通 ARMS 权限") }</h1>
            <p>{ tr(lang, "Ramp sets up RAM users, groups and roles for ARMS (Application Real-Time Monitoring Service) the way the Alibaba Cloud documentation describes: it shows the exact plan first, applies it step by step, and can roll back.", "Ramp 按阿里云文档的做法，为 ARMS（应用实时监控服务）创建 RAM 用户、用户组和角色：先展示完整计划，再逐步执行，并可回滚。") }</p>
            if sandbox {
                <p class="notice" data-testid="start-sandbox">{ tr(lang, "This server runs the built-in sandbox: two demo accounts, nothing real is touched. Sign in as one of them to try every flow.", "当前服务器运行内置沙箱：两个演示账号，不会改动任何真实资源。登录其中一个即可体验所有流程。") }</p>
            }
            {
                match &props.connection {
                    Some(c) => html! { <p class="success" data-testid="start-signed-in">{ tr(lang, "Signed in: ", "已登录：") }<code>{ c.label() }</code></p> },
                    None => html! { <p><a class="button primary" href={format!("#{}", Route::Credentials.path())} data-testid="start-sign-in">{ tr(lang, "Sign in", "登录") }</a>{ " " }{ tr(lang, "— or open the policy studio, which needs no account.", "——或直接打开无需账号的策略工作室。") }</p> },
                }
            }
            <ul class="flows">
                { for flows.map(|r| html! {
                    <li key={r.path()}>
                        <a href={format!("#{}", r.path())} data-testid={format!("start{}", r.path().replace('/', "-"))}>{ route_name(lang, r) }</a>
                        { " — " }{ purpose(lang, r) }
                    </li>
                }) }
            </ul>
        </section>
    }
}
