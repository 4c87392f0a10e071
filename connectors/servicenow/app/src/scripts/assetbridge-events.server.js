/**
 * AssetbridgeEvents (script include): posts a signed ticket event to assetbridge's webhook URL.
 *
 * Wire format (the receiver in assetbridge and the project's ServiceNow simulator use the same):
 *   POST <x_assetbridge.webhook_url>
 *   Content-Type: application/json
 *   X-Assetbridge-Timestamp: <unix seconds>
 *   X-Assetbridge-Signature: sha256=<lower-case hex HMAC-SHA256 of "<timestamp>.<raw body>">
 *   {"event_id":"<uuid>","event_type":"ticket.created|ticket.updated|ticket.refresh",
 *    "table":..,"sys_id":..,"number":..,"cmdb_ci":..,"short_description":..,"state":..,
 *    "sys_updated_on":"YYYY-MM-DD HH:mm:ss","timestamp":"<ISO-8601 UTC>"}
 *
 * The body is JSON with every character above U+007E written as a \uXXXX escape, so the bytes on
 * the wire are plain ASCII whatever character set the HTTP client uses, and the signature (taken
 * over those bytes) holds. Delivery is one attempt without retry; the outcome is logged.
 *
 * ES5 on purpose: it runs on any JavaScript mode of the instance. Glide APIs used: gs,
 * GlideDateTime, CertificateEncryption, sn_ws.RESTMessageV2 (all available to scoped apps).
 */
var AssetbridgeEvents = Class.create();

AssetbridgeEvents.PROPERTIES = {
  enabled: 'x_assetbridge.enabled',
  webhookUrl: 'x_assetbridge.webhook_url',
  webhookSecret: 'x_assetbridge.webhook_secret',
};

AssetbridgeEvents.HTTP_TIMEOUT_MS = 10000;

AssetbridgeEvents.BASE64_ALPHABET =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The bytes of `text` in UTF-8, as numbers 0-255. */
AssetbridgeEvents.utf8Bytes = function (text) {
  var bytes = [];
  for (var i = 0; i < text.length; i++) {
    var code = text.charCodeAt(i);
    var next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
      i++;
    }
    if (code < 0x80) {
      bytes.push(code);
    } else if (code < 0x800) {
      bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    } else {
      bytes.push(
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 0x3f),
        0x80 | ((code >> 6) & 0x3f),
        0x80 | (code & 0x3f)
      );
    }
  }
  return bytes;
};

/** Standard base64 (with padding) of a byte array. */
AssetbridgeEvents.bytesToBase64 = function (bytes) {
  var alphabet = AssetbridgeEvents.BASE64_ALPHABET;
  var out = '';
  for (var i = 0; i < bytes.length; i += 3) {
    var b0 = bytes[i];
    var b1 = i + 1 < bytes.length ? bytes[i + 1] : 0;
    var b2 = i + 2 < bytes.length ? bytes[i + 2] : 0;
    out += alphabet.charAt(b0 >> 2);
    out += alphabet.charAt(((b0 & 0x03) << 4) | (b1 >> 4));
    out += i + 1 < bytes.length ? alphabet.charAt(((b1 & 0x0f) << 2) | (b2 >> 6)) : '=';
    out += i + 2 < bytes.length ? alphabet.charAt(b2 & 0x3f) : '=';
  }
  return out;
};

/** Lower-case hex of the bytes a base64 string encodes (padding and whitespace ignored). */
AssetbridgeEvents.base64ToHex = function (base64) {
  var alphabet = AssetbridgeEvents.BASE64_ALPHABET;
  var clean = String(base64).replace(/[\s=]/g, '');
  var hex = '';
  var buffer = 0;
  var bits = 0;
  for (var i = 0; i < clean.length; i++) {
    var value = alphabet.indexOf(clean.charAt(i));
    if (value < 0) throw new Error('not base64: ' + clean.charAt(i));
    buffer = ((buffer << 6) | value) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      var byte = (buffer >> bits) & 0xff;
      hex += (byte < 16 ? '0' : '') + byte.toString(16);
    }
  }
  return hex;
};

/** JSON text of `value` in which every character above U+007E is a \uXXXX escape. */
AssetbridgeEvents.asciiJson = function (value) {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, function (ch) {
    return '\\u' + ('0000' + ch.charCodeAt(0).toString(16)).slice(-4);
  });
};

/** `gs.generateGUID()` (32 hex) in the 8-4-4-4-12 form of a UUID. */
AssetbridgeEvents.uuidFromGuid = function (guid) {
  var hex = String(guid).toLowerCase();
  return [
    hex.substring(0, 8),
    hex.substring(8, 12),
    hex.substring(12, 16),
    hex.substring(16, 20),
    hex.substring(20, 32),
  ].join('-');
};

AssetbridgeEvents.prototype = {
  initialize: function () {},

  /**
   * Business rules: ticket.created for a new record (sys_mod_count 0), else ticket.updated.
   * (current.operation() is not dependable in async rules, hence the modification count.)
   */
  notifyTicketChange: function (ticket) {
    var created = this._value(ticket, 'sys_mod_count') === '0';
    return this.send(ticket, created ? 'ticket.created' : 'ticket.updated');
  },

  /** UI action: asks assetbridge to refresh the ticket's asset context. */
  requestRefresh: function (ticket) {
    return this.send(ticket, 'ticket.refresh');
  },

  /**
   * Sends one event for `ticket`. Returns {sent, reason, status, eventId}; reason is one of
   * 'sent', 'disabled', 'not_configured', 'http_error', 'request_failed'.
   */
  send: function (ticket, eventType) {
    if (!this.isEnabled()) return { sent: false, reason: 'disabled', status: 0, eventId: '' };

    // The secret is used exactly as stored (the receiver does the same); only the URL is trimmed.
    var url = this._property(AssetbridgeEvents.PROPERTIES.webhookUrl).trim();
    var secret = this._property(AssetbridgeEvents.PROPERTIES.webhookSecret);
    if (!url || !secret.trim()) {
      gs.warn(
        'assetbridge: webhook URL or secret is not set; no event sent for {0}',
        ticket.getUniqueValue()
      );
      return { sent: false, reason: 'not_configured', status: 0, eventId: '' };
    }

    var signed = this.signedEvent(ticket, eventType, secret, this._nowMillis());
    var request = new sn_ws.RESTMessageV2();
    request.setEndpoint(url);
    request.setHttpMethod('post');
    request.setHttpTimeout(AssetbridgeEvents.HTTP_TIMEOUT_MS);
    request.setRequestHeader('Content-Type', 'application/json');
    request.setRequestHeader('X-Assetbridge-Timestamp', signed.timestamp);
    request.setRequestHeader('X-Assetbridge-Signature', signed.signature);
    request.setRequestBody(signed.body);

    return this._deliver(request, signed.event);
  },

  /** Whether the app sends events at all (property x_assetbridge.enabled, default true). */
  isEnabled: function () {
    return this._property(AssetbridgeEvents.PROPERTIES.enabled).trim() !== 'false';
  },

  /** The event, its exact body, the timestamp header and the signature header. */
  signedEvent: function (ticket, eventType, secret, nowMillis) {
    var event = this.buildEvent(ticket, eventType, nowMillis);
    var body = AssetbridgeEvents.asciiJson(event);
    var timestamp = String(Math.floor(nowMillis / 1000));
    var signature = 'sha256=' + this.hmacSha256Hex(secret, timestamp + '.' + body);
    return { event: event, body: body, timestamp: timestamp, signature: signature };
  },

  /** The event envelope, keys in the order of the contract. */
  buildEvent: function (ticket, eventType, nowMillis) {
    return {
      event_id: AssetbridgeEvents.uuidFromGuid(gs.generateGUID()),
      event_type: eventType,
      table: String(ticket.getRecordClassName()),
      sys_id: String(ticket.getUniqueValue()),
      number: this._value(ticket, 'number'),
      cmdb_ci: this._value(ticket, 'cmdb_ci'),
      short_description: this._value(ticket, 'short_description'),
      state: this._value(ticket, 'state'),
      sys_updated_on: this._value(ticket, 'sys_updated_on'),
      timestamp: new Date(nowMillis).toISOString(),
    };
  },

  /**
   * Lower-case hex HMAC-SHA256 of `data` keyed with the UTF-8 bytes of `secret`.
   * CertificateEncryption.generateMac takes the key base64-encoded and returns the MAC in base64.
   */
  hmacSha256Hex: function (secret, data) {
    var key = AssetbridgeEvents.bytesToBase64(AssetbridgeEvents.utf8Bytes(secret));
    var mac = new CertificateEncryption().generateMac(key, 'HmacSHA256', data);
    return AssetbridgeEvents.base64ToHex(mac);
  },

  // TODO(#6): one attempt only; an event lost to an outage of assetbridge is not resent (no
  // outbox table or retry job yet).
  _deliver: function (request, event) {
    var status = 0;
    var failure = '';
    try {
      var response = request.execute();
      status = Number(response.getStatusCode());
      if (status < 200 || status > 299) failure = String(response.getErrorMessage() || '');
    } catch (e) {
      failure = String(e && e.message ? e.message : e);
    }

    if (status >= 200 && status <= 299) {
      gs.debug(
        'assetbridge: {0} {1} for {2} delivered ({3})',
        event.event_type,
        event.event_id,
        event.number,
        status
      );
      return { sent: true, reason: 'sent', status: status, eventId: event.event_id };
    }
    gs.error(
      'assetbridge: {0} {1} for {2} not delivered (status {3}): {4}',
      event.event_type,
      event.event_id,
      event.number,
      status,
      failure
    );
    var reason = status === 0 ? 'request_failed' : 'http_error';
    return { sent: false, reason: reason, status: status, eventId: event.event_id };
  },

  _value: function (record, field) {
    var value = record.getValue(field);
    return value === null || value === undefined ? '' : String(value);
  },

  _property: function (name) {
    var value = gs.getProperty(name, '');
    return value === null || value === undefined ? '' : String(value);
  },

  _nowMillis: function () {
    return Number(new GlideDateTime().getNumericValue());
  },

  type: 'AssetbridgeEvents',
};
