/* The contact's own messages in the phone preview: right-hand bubbles with read receipts (blue
   ticks once the business marks them read), the photo and voice note previewed, other Meta
   message types summarised. index.html calls renderContactMessage(inbound) and receipt(status). */
(function () {
	const el = window.makeElement; // from bubbles.js, loaded first

	/** The contact's ticks: grey when delivered, blue when the business has read the message. */
	window.receipt = function (status) {
		const tick = el('span', status === 'read' ? 'receipt read' : 'receipt', '✓✓');
		tick.title = status === 'read' ? 'Read' : 'Delivered';
		return tick;
	};

	/** A stored file's preview, or a line saying what it is when it cannot be shown. */
	function picture(media, fallback) {
		const image = el('img', 'picture');
		image.src = `/sandbox/media/${encodeURIComponent(media.id)}`;
		image.alt = fallback;
		image.addEventListener('error', () => image.replaceWith(el('div', 'media', fallback)));
		return image;
	}

	const RENDERERS = {
		text: (m, bubble) => bubble.append(el('div', 'body', m.text.body)),
		image(m, bubble) {
			bubble.append(picture(m.image, '📷 Photo'));
			if (m.image.caption) bubble.append(el('div', 'body', m.image.caption));
		},
		sticker: (m, bubble) => bubble.append(picture(m.sticker, '🙂 Sticker')),
		audio(m, bubble) {
			const voice = m.audio.voice === true;
			const box = el('div', 'media voice', voice ? '🎤 Voice note' : '🎵 Audio');
			box.dataset.mediaId = m.audio.id;
			bubble.append(box);
		},
		video: (m, bubble) => bubble.append(el('div', 'media', '🎬 Video')),
		document: (m, bubble) =>
			bubble.append(el('div', 'media', `📄 ${m.document.filename || 'Document'}`)),
		location(m, bubble) {
			const { name, latitude, longitude } = m.location;
			bubble.append(el('div', 'location', `📍 ${name ? `${name} ` : ''}${latitude}, ${longitude}`));
		},
		contacts(m, bubble) {
			const names = (m.contacts || []).map((c) => (c.name && c.name.formatted_name) || '?');
			bubble.append(el('div', 'body', `👤 ${names.join(', ')}`));
		},
		reaction: (m, bubble) => bubble.append(el('div', 'body', `${m.reaction.emoji} (reaction)`)),
	};

	window.renderContactMessage = function (inbound) {
		const article = el('article', 'contact');
		article.dataset.waMessageId = inbound.waMessageId;
		article.dataset.type = inbound.message.type;
		article.append(el('div', 'to from-contact', `From ${inbound.phoneNumber}`));
		const bubble = el('div', 'bubble mine');
		const render = RENDERERS[inbound.message.type];
		if (render) render(inbound.message, bubble);
		else bubble.append(el('div', 'body', `(${inbound.message.type} message)`));
		const meta = el('div', 'meta', `${new Date(inbound.at).toLocaleTimeString()} `);
		meta.append(window.receipt(inbound.status));
		bubble.append(meta);
		article.append(bubble);
		return article;
	};
})();
