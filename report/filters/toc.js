// The table of contents on a phone (both renderers; added to the page by html.lua): a compact
// « Sommaire » right under the report's title, folded behind a button, and the « Sommaire » link at
// the bottom of the screen that brings the reader back to it unfolded. On a wide screen the table of
// contents is the sticky sidebar of the page and nothing here changes it. Without script, it stays unfolded.
(function () {
  'use strict';
  var toc = document.getElementById('TOC');
  var title = document.getElementById('toc-title');
  var list = toc && toc.querySelector(':scope > ul');
  if (!toc || !title || !list) return;
  var phone = window.matchMedia('(max-width: 767.98px)');
  var header = document.getElementById('title-block-header');
  // Quarto keeps the table of contents in its sidebar, hidden on a phone: it moves under the title there.
  var home = toc.parentNode;
  var next = toc.nextSibling;
  var inSidebar = !!toc.closest('.sidebar');
  var label = title.textContent;
  var button = null;
  list.id = list.id || 'toc-list';

  function fold(folded) {
    toc.classList.toggle('toc-folded', folded);
    if (button) button.setAttribute('aria-expanded', folded ? 'false' : 'true');
  }

  function layout() {
    if (phone.matches) {
      if (inSidebar && header && toc.parentNode === home) header.after(toc);
      toc.classList.add('toc-phone');
      if (!button) {
        button = document.createElement('button');
        button.type = 'button';
        button.className = 'toc-toggle';
        button.setAttribute('aria-controls', list.id);
        button.textContent = label;
        button.addEventListener('click', function () { fold(!toc.classList.contains('toc-folded')); });
        title.textContent = '';
        title.appendChild(button);
      }
      fold(true);
    } else {
      if (inSidebar && toc.parentNode !== home) home.insertBefore(toc, next);
      toc.classList.remove('toc-phone');
      if (button) {
        title.textContent = label;
        button = null;
      }
      fold(false);
    }
  }

  layout();
  phone.addEventListener('change', layout);
  // Back to the table of contents: unfolded, so that one tap reaches it.
  document.addEventListener('click', function (event) {
    var back = event.target.closest && event.target.closest('a.toc-back');
    if (back) fold(false);
  });
  // On a phone, choosing a section folds the table of contents again.
  list.addEventListener('click', function (event) {
    if (phone.matches && event.target.closest('a')) fold(true);
  });
})();
