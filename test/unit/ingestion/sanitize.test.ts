import { expect } from 'chai';
import { sanitizeMailHtml } from '../../../server/services/ingestion/sanitize.js';

describe('sanitizeMailHtml: citizen HTML mail as staff see it', () => {
  it('removes scripts with their content, and event handler attributes', () => {
    const out = sanitizeMailHtml('<p onclick="steal()" onmouseover="x()">Kính gửi <b>Sở</b></p><script>alert(document.cookie)</script><svg onload="alert(1)"></svg>');
    expect(out).to.equal('<p>Kính gửi <b>Sở</b></p>');
  });

  it('removes style blocks and style attributes, which can load remote URLs or overlay the page', () => {
    expect(sanitizeMailHtml('<style>p{background:url(https://t.example/x)}</style><div style="position:fixed;background:url(https://t.example/y)">Đất đai</div>'))
      .to.equal('<div>Đất đai</div>');
  });

  it('drops remote images and 1×1 tracking pixels entirely, and keeps inline data: images', () => {
    const out = sanitizeMailHtml('<img src="https://track.example/open.gif?u=1" width="1" height="1"><img src="http://x.example/logo.png" alt="logo">'
      + '<img src="cid:part1@x"><img src="data:image/png;base64,iVBORw0KGgo=" alt="chữ ký">');
    expect(out).to.equal('<img src="data:image/png;base64,iVBORw0KGgo=" alt="chữ ký" />');
    expect(out).not.to.contain('track.example');
  });

  it('removes an image whose data: URL is not an image', () => {
    expect(sanitizeMailHtml('<img src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">')).to.equal('');
  });

  it('strips javascript: links in any letter case and protocol-relative links, keeping the text', () => {
    const out = sanitizeMailHtml('<a href="javascript:alert(1)">một</a><a href="JaVaScRiPt:alert(1)">hai</a><a href="//evil.example/">ba</a>');
    expect(out).not.to.match(/href/);
    expect(out).to.contain('một').and.contain('hai').and.contain('ba');
  });

  it('keeps web and mail links, opening them in a new tab without a referrer', () => {
    const out = sanitizeMailHtml('<a href="https://dichvucong.gov.vn/" target="_self" rel="opener">Cổng dịch vụ công</a>');
    expect(out).to.contain('href="https://dichvucong.gov.vn/"').and.contain('rel="noopener noreferrer nofollow"').and.contain('target="_blank"');
    expect(out).not.to.contain('_self').and.not.contain('"opener"');
    expect(sanitizeMailHtml('<a href="mailto:congdan@example.vn">thư</a>')).to.contain('href="mailto:congdan@example.vn"');
  });

  it('removes forms and their fields (a "log in to answer" box cannot collect a password), keeping the visible text', () => {
    const out = sanitizeMailHtml('<form action="https://evil.example/login" method="post">Nhập mật khẩu: <input type="password" name="p">'
      + '<select><option>x</option></select><textarea>y</textarea><button>Đăng nhập</button></form>');
    expect(out).to.equal('Nhập mật khẩu: ');
  });

  it('removes iframes, objects and embeds', () => {
    expect(sanitizeMailHtml('<iframe src="https://x.example"></iframe><object data="x.swf"></object><embed src="x">Nội dung')).to.equal('Nội dung');
  });

  it('keeps Vietnamese text intact and NFC, including decomposed input from windows-1258 mail', () => {
    const decomposed = 'Tie\u0302\u0301ng Vie\u0323\u0302t: đường liên xã bị sạt lở'.normalize('NFD');
    const out = sanitizeMailHtml(`<p>${decomposed}</p><table><tr><td colspan="2">Ủy ban nhân dân</td></tr></table>`);
    expect(out).to.equal('<p>Tiếng Việt: đường liên xã bị sạt lở</p><table><tr><td colspan="2">Ủy ban nhân dân</td></tr></table>');
    expect(out.normalize('NFC')).to.equal(out);
  });

  it('escapes text that looks like markup after decoding, so it cannot become a tag', () => {
    expect(sanitizeMailHtml('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>')).to.equal('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });
});
