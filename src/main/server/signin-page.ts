/** The page for a sign-in link that does not work. Plain HTML, no script: it must work with the strict CSP and no UI build. */
export function invalidCodePage(): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Stockroom: sign-in link not valid</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#222}code{background:#f2f2f2;padding:0 .25rem}</style>
</head>
<body>
<h1>This sign-in link is not valid</h1>
<p>The sign-in code is invalid or has already been used. Each code works once only, so a link cannot be reused or shared.</p>
<p>To get a new sign-in link, either restart the hub (it prints a new link when it starts), or on the computer running the hub run:</p>
<p><code>npm run serve -- --print-signin</code> (add the same <code>--data</code> folder if you gave one)</p>
<p>then open the link it prints. A printed link is valid for 15 minutes.</p>
</body>
</html>`;
}
