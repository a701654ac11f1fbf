/**
 * URLs the node shows (output items, error messages) can carry secrets: the trigger's URL token
 * (`?token=…`) on a Status Callback URL, a proxy password in a Base URL. They are replaced by
 * `***` wherever a URL is shown; the request itself still uses the real URL.
 */
const TOKEN_VALUE = /([?&]token=)[^&#]*/gi;
const PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*:)[^/?#@]*@/i;

export function redactUrl(url: string): string {
	return url.replace(PASSWORD, '$1***@').replace(TOKEN_VALUE, '$1***');
}
