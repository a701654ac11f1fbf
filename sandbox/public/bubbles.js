/* The phone preview's chat bubbles: one renderer per message type, shaped as WhatsApp shows them.
   index.html calls renderMessage(message, actions) with actions.tap(key, target, button),
   actions.quote(waMessageId), actions.isOpen/toggle(key) for a list's row panel and
   actions.inboundStatus(waMessageId) for the ticks of the contact's answers (contact.js). */
(function () {
	function el(tag, className, text) {
		const node = document.createElement(tag);
		if (className) node.className = className;
		if (text !== undefined) node.textContent = text;
		return node;
	}
	/** Shared with contact.js, which draws the contact's own bubbles. */
	window.makeElement = el;

	/** Text with its http(s) URLs as links, as WhatsApp does. */
	function linked(className, text) {
		const node = el('div', className);
		for (const part of String(text).split(/(https?:\/\/\S+)/)) {
			if (!/^https?:\/\//.test(part)) {
				node.append(part);
				continue;
			}
			const link = el('a', '', part);
			link.href = part;
			link.target = '_blank';
			link.rel = 'noopener noreferrer';
			node.append(link);
		}
		return node;
	}

	const MEDIA_ICONS = { image: '📷', video: '🎬', audio: '🎵', document: '📄', sticker: '🙂' };

	function mediaBox(type, media) {
		const box = el('div', `media ${type}`);
		box.append(el('span', 'icon', MEDIA_ICONS[type] || '📎'));
		const name =
			(media && (media.filename || media.link || (media.id && `media id ${media.id}`))) || '';
		box.append(`${type}${name ? `: ${name}` : ''}`);
		return box;
	}

	function ticks(status) {
		if (status === 'failed') return el('span', 'tick failed', '!');
		if (status === 'read') return el('span', 'tick read', '✓✓');
		if (status === 'delivered') return el('span', 'tick', '✓✓');
		if (status === 'sent') return el('span', 'tick', '✓');
		return el('span', 'tick', '🕓');
	}

	function tapButton(label, dataset, onTap) {
		const button = el('button', '', label);
		Object.assign(button.dataset, dataset);
		button.addEventListener('click', () => onTap(button));
		return button;
	}

	function linkButton(label, url) {
		const link = el('a', 'button', `↗ ${label}`);
		link.href = url;
		link.target = '_blank';
		link.rel = 'noopener noreferrer';
		return link;
	}

	/** Header, body and footer of an interactive message. */
	function interactiveParts(bubble, interactive) {
		const header = interactive.header;
		if (header && header.type === 'text') bubble.append(el('div', 'header', header.text));
		else if (header) bubble.append(mediaBox(header.type, header[header.type]));
		if (interactive.body) bubble.append(linked('body', interactive.body.text));
		if (interactive.footer) bubble.append(el('div', 'footer', interactive.footer.text));
	}

	function listRows(message, interactive, actions) {
		const panel = el('div', 'rows');
		for (const section of interactive.action.sections || []) {
			if (section.title) panel.append(el('h3', '', section.title));
			for (const row of section.rows || []) {
				const button = tapButton(row.title, { rowId: row.id }, (b) =>
					actions.tap(message.key, { rowId: row.id }, b),
				);
				if (row.description) button.append(el('span', 'description', row.description));
				panel.append(button);
			}
		}
		return panel;
	}

	const INTERACTIVE = {
		button(message, interactive, bubble, below, actions) {
			interactiveParts(bubble, interactive);
			const row = el('div', 'buttons');
			for (const { reply } of interactive.action.buttons || []) {
				row.append(
					tapButton(reply.title, { buttonId: reply.id }, (b) =>
						actions.tap(message.key, { buttonId: reply.id }, b),
					),
				);
			}
			below.push(row);
		},
		list(message, interactive, bubble, below, actions) {
			interactiveParts(bubble, interactive);
			const row = el('div', 'buttons');
			const open = el('button', 'open-list', `☰ ${interactive.action.button}`);
			open.addEventListener('click', () => actions.toggle(message.key));
			row.append(open);
			below.push(row);
			if (actions.isOpen(message.key)) below.push(listRows(message, interactive, actions));
		},
		cta_url(message, interactive, bubble, below) {
			interactiveParts(bubble, interactive);
			const row = el('div', 'buttons');
			const { display_text: text, url } = interactive.action.parameters;
			row.append(linkButton(text, url));
			below.push(row);
		},
	};

	/** A template parameter as text: its value, or the media it names. */
	function parameterText(parameter) {
		const value = parameter[parameter.type];
		if (parameter.type === 'text')
			return parameter.text !== undefined ? parameter.text : parameter.cta_link;
		if (typeof value === 'string') return value;
		if (value && (value.link || value.id || value.filename))
			return `${parameter.type}: ${value.filename || value.link || value.id}`;
		if (value && value.fallback_value) return value.fallback_value;
		return JSON.stringify(value);
	}

	function templateBubble(message, template, bubble, below, actions) {
		const language = (template.language && template.language.code) || '?';
		bubble.append(el('div', 'template-name', `Template ${template.name} · ${language}`));
		const buttons = el('div', 'buttons');
		for (const component of template.components || []) {
			const parameters = component.parameters || [];
			if (component.type === 'header' && parameters[0]) {
				const [first] = parameters;
				if (first.type === 'text') bubble.append(el('div', 'header', first.text));
				else bubble.append(mediaBox(first.type, first[first.type]));
			} else if (component.type === 'body') {
				const list = el('ol', 'parameters');
				for (const parameter of parameters) list.append(el('li', '', parameterText(parameter)));
				bubble.append(list);
			} else if (component.type === 'button') {
				const subType = String(component.sub_type).toLowerCase();
				const index = Number(component.index);
				const first = parameters[0] || {};
				if (subType === 'quick_reply') {
					buttons.append(
						tapButton(first.payload, { buttonIndex: index }, (b) =>
							actions.tap(message.key, { buttonIndex: index }, b),
						),
					);
				} else {
					const label = el('button', '', `${subType} button ${index}: ${parameterText(first)}`);
					label.disabled = true;
					buttons.append(label);
				}
			} else if (component.type !== 'header') {
				bubble.append(el('div', 'footer', `(${component.type})`));
			}
		}
		if (buttons.children.length) below.push(buttons);
	}

	const RENDERERS = {
		text(message, bubble) {
			const text = message.message.text;
			const url = text.preview_url && (String(text.body).match(/https?:\/\/\S+/) || [])[0];
			if (url) bubble.append(el('div', 'link-preview', `🔗 ${url}`));
			bubble.append(linked('body', text.body));
		},
		location(message, bubble) {
			const location = message.message.location;
			const card = el('div', 'location');
			card.append(el('div', 'name', `📍 ${location.name || 'Location'}`));
			if (location.address) card.append(el('div', 'address', location.address));
			card.append(el('div', 'coordinates', `${location.latitude}, ${location.longitude}`));
			bubble.append(card);
		},
		interactive(message, bubble, below, actions) {
			const interactive = message.message.interactive;
			INTERACTIVE[interactive.type](message, interactive, bubble, below, actions);
		},
		template(message, bubble, below, actions) {
			templateBubble(message, message.message.template, bubble, below, actions);
		},
	};
	for (const type of Object.keys(MEDIA_ICONS)) {
		RENDERERS[type] = (message, bubble) => {
			const media = message.message[type];
			bubble.append(mediaBox(type, media));
			if (media.caption) bubble.append(linked('body', media.caption));
		};
	}

	window.renderMessage = function (message, actions) {
		const article = el('article');
		article.dataset.key = message.key;
		article.dataset.type = message.message.type;
		const sender = message.from ? ` from ${message.from}` : '';
		article.append(el('div', 'to', `To ${message.phoneNumber}${sender}`));
		const bubble = el('div', 'bubble');
		const context = message.message.context;
		if (context && context.message_id)
			bubble.append(el('div', 'quoted', `↪ ${actions.quote(context.message_id)}`));
		const below = [];
		const render = RENDERERS[message.message.type];
		if (render) render(message, bubble, below, actions);
		else bubble.append(el('div', 'body', `(${message.message.type} message)`));
		const meta = el('div', 'meta', `${new Date(message.receivedAt).toLocaleTimeString()} `);
		meta.append(ticks(message.status));
		bubble.append(meta);
		article.append(bubble, ...below);
		for (const reply of message.replies) {
			const answer = el('div', 'bubble reply', reply.title || reply.text);
			if (reply.description) answer.append(el('div', 'description', reply.description));
			if (reply.waMessageId)
				answer.append(' ', window.receipt(actions.inboundStatus(reply.waMessageId)));
			article.append(answer);
		}
		return article;
	};

	/** A short line for a quoted message: its text, or its type. */
	window.summarize = function (message) {
		const m = message.message;
		const interactive = m.interactive || {};
		const text =
			(m.text && m.text.body) ||
			(interactive.body && interactive.body.text) ||
			(m.template && `template ${m.template.name}`) ||
			(m[m.type] && m[m.type].caption) ||
			`${m.type} message`;
		return text.length > 60 ? `${text.slice(0, 59)}…` : text;
	};
})();
