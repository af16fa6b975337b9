/*
 * The demo shop beside the chat: categories, a product grid, product pages and a cart, all from
 * Aisle's catalog API. What the shopper does here reaches the bot as events on the chat's own
 * Direct Line conversation (product.view when a product page opens, product.click when a
 * suggestion is chosen, cart.add), so the chat's next answers and the "Recommended for you" row
 * follow the browsing. Buttons on the chat's product cards move this page too (View opens the
 * product, Add to cart fills the cart); the bot records those itself.
 */
(function () {
  'use strict';

  var status = document.getElementById('status');
  // Set by the server on this script's tag: the style nonce of this response's Content-Security-Policy
  // (Web Chat's CSS-in-JS adds <style> elements, allowed with it), and the shop's own origins.
  var script = document.currentScript;
  var styleNonce = (script && script.nonce) || undefined;
  var shopOrigins = [window.location.origin].concat(((script && script.getAttribute('data-shop-origins')) || '').split(/\s+/).filter(function (origin) {
    return /^https?:\/\//.test(origin);
  }));
  if (!window.WebChat) {
    status.hidden = false;
    status.textContent = 'Web Chat could not be loaded.';
    return;
  }

  var userId = 'web-' + Math.random().toString(36).slice(2);
  // The local Direct Line hands out a per-conversation token when the conversation starts.
  var directLine = window.WebChat.createDirectLine({
    domain: window.location.origin + '/v3/directline',
    token: 'local',
    webSocket: false,
    pollingInterval: 400,
  });

  var el = function (id) { return document.getElementById(id); };
  var cart = [];
  var productCache = {};

  // ---- talking to the bot -------------------------------------------------------------------

  /** Posts an event; resolves once the bot's turn on it has run (the POST answers after the turn). */
  function sendEvent(name, value) {
    return new Promise(function (resolve) {
      directLine
        .postActivity({ type: 'event', name: name, value: value, from: { id: userId, name: 'Shopper' } })
        .subscribe({
          next: function () { resolve(true); },
          error: function (error) { console.warn('aisle: event ' + name + ' not sent', error); resolve(false); },
        });
    });
  }

  var refreshTimer;
  /** Asks for suggestions from the session as it is now; coalesces a burst of changes into one ask. */
  function refreshSuggestions() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(function () { sendEvent('recommendations.request', { count: 8 }); }, 150);
  }

  directLine.activity$.subscribe(function (activity) {
    if (activity.type === 'event' && activity.name === 'aisle.recommendations') renderSuggestions(activity.value.products);
    if (activity.type === 'event' && activity.name === 'aisle.error') console.warn('aisle: ' + activity.value.reason);
    // A chat reply may have changed the session (a product asked about, a card's button used).
    if (activity.type === 'message' && activity.from && activity.from.role === 'bot') refreshSuggestions();
  });

  // The chat's card buttons act on the page too; the bot records them from the button itself.
  var store = window.WebChat.createStore({}, function () {
    return function (next) {
      return function (action) {
        if (action.type === 'DIRECT_LINE/POST_ACTIVITY') {
          var value = action.payload && action.payload.activity && action.payload.activity.value;
          if (value && value.action === 'view') showProduct(value.productId, { record: false });
          if (value && value.action === 'cart-add') addToCart(value.productId, undefined, { record: false });
        }
        return next(action);
      };
    };
  });

  /** An http(s) URL on the page's own origin or one of the shop's. */
  function isShopUrl(url) {
    var parsed;
    if (!url) return false;
    try {
      parsed = new URL(url, window.location.href);
    } catch (error) {
      return false;
    }
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && shopOrigins.indexOf(parsed.origin) >= 0;
  }

  /**
   * Web Chat's own markdown renderer, with raw HTML off, and with no image or link left in what it
   * makes that leaves the shop's origins: a link elsewhere becomes its text. The bot sends its text
   * sanitised to the same allow-list (bot/safe-markdown.ts); this holds for anything that did not.
   */
  function renderMarkdown(markdown, options, linkOptions) {
    var html = window.WebChat.renderMarkdown(markdown, Object.assign({}, options, { markdownRenderHTML: false }), linkOptions);
    var template = document.createElement('template'); // inert: nothing in it is fetched
    template.innerHTML = html;
    Array.prototype.forEach.call(template.content.querySelectorAll('img'), function (image) {
      var src = image.getAttribute('src') || '';
      // Web Chat marks a link to another page with an icon, a transparent GIF of its own.
      var linkIcon = image.classList.contains('webchat__render-markdown__external-link-icon') && /^data:image\/gif;/.test(src);
      if (!linkIcon && !isShopUrl(src)) image.remove();
    });
    Array.prototype.forEach.call(template.content.querySelectorAll('a, button'), function (element) {
      var url = element.tagName === 'A' ? element.getAttribute('href') : element.getAttribute('value');
      if (!isShopUrl(url)) {
        element.replaceWith(document.createTextNode(element.textContent));
      } else if (element.tagName === 'BUTTON') {
        // Web Chat links absolute URLs only, and makes a relative one a button: a link again, on this origin.
        var link = document.createElement('a');
        link.setAttribute('href', new URL(url, window.location.href).href);
        link.setAttribute('target', '_blank');
        link.setAttribute('rel', 'noopener noreferrer');
        link.textContent = element.textContent;
        element.replaceWith(link);
      }
    });
    return template.innerHTML;
  }

  window.WebChat.renderWebChat(
    {
      directLine: directLine,
      store: store,
      userID: userId,
      username: 'Shopper',
      locale: 'en-US',
      nonce: styleNonce,
      renderMarkdown: renderMarkdown,
      styleOptions: {
        markdownRenderHTML: false,
        // The bot takes no files.
        hideUploadButton: true,
        botAvatarInitials: 'A',
        userAvatarInitials: 'You',
        suggestedActionLayout: 'flow',
        bubbleBorderRadius: 10,
        accent: '#1f5f4a',
      },
    },
    el('webchat'),
  );

  // ---- the catalog -----------------------------------------------------------------------------

  function getJson(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
      return response.json();
    });
  }

  function money(amount, currency) {
    if (typeof amount !== 'number') return '';
    return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency || 'USD' }).format(amount);
  }

  function node(tag, attributes, children) {
    var element = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) {
      if (key === 'text') element.textContent = attributes[key];
      else if (key === 'onclick') element.addEventListener('click', attributes[key]);
      else element.setAttribute(key, attributes[key]);
    });
    (children || []).forEach(function (child) { if (child) element.appendChild(child); });
    return element;
  }

  /** A product tile; `reason` (a suggestion's) is said under the price. */
  function productCard(product, onOpen, reason) {
    return node('button', { type: 'button', class: 'card', 'data-product-id': product.id, onclick: onOpen }, [
      node('img', { src: product.imageUrl || '', alt: '' }),
      node('span', { class: 'title', text: product.title }),
      node('span', { class: 'price', text: money(product.price, product.currency) }),
      reason ? node('span', { class: 'reason', text: reason }) : null,
      product.inStock === false ? node('span', { class: 'stock', text: 'Out of stock' }) : null,
    ]);
  }

  function showListing() {
    el('product-page').hidden = true;
    el('listing').hidden = false;
  }

  function selectCategory(name, buttons) {
    buttons.forEach(function (button) { button.setAttribute('aria-pressed', String(button.dataset.category === name)); });
    el('listing-title').textContent = name;
    showListing();
    getJson('/api/products?limit=100&category=' + encodeURIComponent(name))
      .then(function (body) {
        var grid = el('grid');
        grid.replaceChildren.apply(grid, body.items.map(function (product) {
          productCache[product.id] = product;
          return productCard(product, function () { showProduct(product.id, { record: true }); });
        }));
      })
      .catch(showError);
  }

  function loadCategories() {
    getJson('/api/categories')
      .then(function (categories) {
        var total = categories.reduce(function (sum, category) { return sum + category.count; }, 0);
        el('catalog-size').textContent = 'A generated catalog of ' + total.toLocaleString('en-US') + ' products in ' + categories.length + ' categories, to try the assistant on.';
        var buttons = categories.map(function (category) {
          var button = node('button', { type: 'button', 'aria-pressed': 'false', text: category.name });
          button.dataset.category = category.name;
          button.addEventListener('click', function () { selectCategory(category.name, buttons); });
          return button;
        });
        el('categories').replaceChildren.apply(el('categories'), buttons);
        if (categories.length) selectCategory(categories[0].name, buttons);
      })
      .catch(showError);
  }

  // ---- a product page --------------------------------------------------------------------------

  /** Opens a product's page; `record` sends product.view (not when the chat's View button already did). */
  function showProduct(productId, options) {
    getJson('/api/products/' + encodeURIComponent(productId))
      .then(function (product) {
        productCache[product.id] = product;
        renderProductPage(product);
        if (options.record) return sendEvent('product.view', { productId: product.id }).then(refreshSuggestions);
      })
      .catch(showError);
  }

  function renderProductPage(product) {
    var page = el('product-page');
    var attributes = product.attributes || {};
    var sizes = attributes.sizes ? attributes.sizes.split(/\s*,\s*/) : [];
    var sizeSelect = sizes.length
      ? node('select', { 'aria-label': 'Size' }, sizes.map(function (size) { return node('option', { value: size, text: size }); }))
      : null;
    var facts = Object.keys(attributes)
      .filter(function (name) { return name !== 'sizes'; })
      .map(function (name) {
        return [node('dt', { text: name.charAt(0).toUpperCase() + name.slice(1) }), node('dd', { text: name === 'rating' ? attributes[name] + ' / 5' : attributes[name] })];
      })
      .reduce(function (all, pair) { return all.concat(pair); }, []);
    var variants = (product.variants || []).filter(function (variant) { return variant.colour; });
    var added = node('span', { class: 'added', role: 'status' });
    var addButton = node('button', { type: 'button', class: 'add', text: 'Add to cart' });
    if (product.inStock === false) addButton.disabled = true;
    addButton.addEventListener('click', function () {
      addToCart(product.id, sizeSelect ? sizeSelect.value : undefined, { record: true });
      added.textContent = 'Added to your cart.';
    });
    page.replaceChildren(
      node('button', { type: 'button', class: 'back', text: '← Back to ' + (product.category || 'the list'), onclick: showListing }),
      node('div', { class: 'detail' }, [
        node('img', { src: product.imageUrl || '', alt: product.title }),
        node('div', { class: 'info' }, [
          node('h2', { text: product.title }),
          node('p', { class: 'brand', text: product.brand || '' }),
          node('p', { class: 'price', text: money(product.price, product.currency) }),
          variants.length > 1
            ? node('div', { class: 'variants', 'aria-label': 'Colours' }, variants.map(function (variant) {
                return node('button', {
                  type: 'button',
                  'aria-current': String(variant.id === product.id),
                  text: variant.colour + (variant.inStock ? '' : ' (out of stock)'),
                  onclick: function () { if (variant.id !== product.id) showProduct(variant.id, { record: true }); },
                });
              }))
            : null,
          sizeSelect ? node('label', { text: 'Size ' }, [sizeSelect]) : null,
          node('div', {}, [addButton, added]),
          product.inStock === false ? node('p', { class: 'stock', text: 'Out of stock' }) : null,
          node('dl', {}, facts),
        ]),
      ]),
      node('p', { class: 'description', text: product.description || '' }),
    );
    page.dataset.productId = product.id;
    page.hidden = false;
    el('listing').hidden = true;
    el('shop').scrollTop = 0;
  }

  // ---- the cart --------------------------------------------------------------------------------

  function addToCart(productId, size, options) {
    var known = productCache[productId];
    var fetched = known ? Promise.resolve(known) : getJson('/api/products/' + encodeURIComponent(productId));
    fetched
      .then(function (product) {
        productCache[product.id] = product;
        cart.push({ product: product, size: size });
        renderCart();
        if (options.record) return sendEvent('cart.add', { productId: product.id }).then(refreshSuggestions);
      })
      .catch(showError);
  }

  function renderCart() {
    el('cart-count').textContent = String(cart.length);
    var lines = cart.map(function (line) {
      return node('li', {}, [
        node('span', { text: line.product.title + (line.size ? ' (size ' + line.size + ')' : '') }),
        node('span', { text: money(line.product.price, line.product.currency) }),
      ]);
    });
    el('cart-lines').replaceChildren.apply(el('cart-lines'), lines);
    var total = cart.reduce(function (sum, line) { return sum + (line.product.price || 0); }, 0);
    el('cart-total').textContent = cart.length ? 'Total: ' + money(total, cart[0].product.currency) : 'Your cart is empty.';
  }

  el('cart-button').addEventListener('click', function () {
    var open = el('cart').hidden;
    el('cart').hidden = !open;
    el('cart-button').setAttribute('aria-expanded', String(open));
    renderCart();
  });

  // ---- suggestions -----------------------------------------------------------------------------

  function renderSuggestions(products) {
    var items = el('for-you-items');
    el('for-you-empty').hidden = products.length > 0;
    items.replaceChildren.apply(items, products.map(function (product) {
      return productCard(product, function () {
        // Choosing a suggestion is a click on what the bot offered; the page it opens is a view.
        sendEvent('product.click', { productId: product.id }).then(function () { showProduct(product.id, { record: true }); });
      }, product.reason);
    }));
  }

  function showError(error) {
    status.hidden = false;
    status.textContent = 'The shop could not load: ' + error.message;
  }

  loadCategories();
  refreshSuggestions();
})();
