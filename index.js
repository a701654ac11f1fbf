/**
 * Plain CommonJS entry for anyone who requires the package directly (n8n itself reads the
 * `n8n` block of package.json instead): the node and credential classes built into dist/.
 */
module.exports = {
	nodes: {
		InsiderWhatsApp: require('./dist/nodes/InsiderWhatsApp/InsiderWhatsApp.node.js')
			.InsiderWhatsApp,
		InsiderWhatsAppTrigger:
			require('./dist/nodes/InsiderWhatsAppTrigger/InsiderWhatsAppTrigger.node.js')
				.InsiderWhatsAppTrigger,
	},
	credentials: {
		InsiderWhatsAppApi: require('./dist/credentials/InsiderWhatsAppApi.credentials.js')
			.InsiderWhatsAppApi,
		InsiderWhatsAppWebhookApi:
			require('./dist/credentials/InsiderWhatsAppWebhookApi.credentials.js')
				.InsiderWhatsAppWebhookApi,
	},
};
