package com.metricsdash.shopify;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Reads the date-times Shopify writes (RFC 3339: {@code 2026-12-05T11:00:00-05:00}, {@code 2026-12-05T16:00:00.123Z})
 * as instants. Every order delivery carries four and every delivery's header one, and {@link OffsetDateTime#parse}
 * cost the webhook worker as much CPU as its database statements; the common shape is read digit by digit here, and
 * anything else goes to {@link OffsetDateTime#parse}, which also says what is wrong with it.
 */
public final class Rfc3339 {

	private Rfc3339() {
	}

	/**
	 * The instant the date-time names.
	 * @throws DateTimeException when the text is no RFC 3339 date-time with an offset
	 */
	public static Instant instant(String text) {
		int length = text.length();
		if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
				|| text.charAt(13) != ':' || text.charAt(16) != ':') {
			return OffsetDateTime.parse(text).toInstant();
		}
		int at = 19;
		int nanos = 0;
		if (text.charAt(at) == '.') {
			int digits = 0;
			for (at++; at < length && digits < 9 && isDigit(text.charAt(at)); at++, digits++) {
				nanos = nanos * 10 + (text.charAt(at) - '0');
			}
			if (digits == 0 || (at < length && isDigit(text.charAt(at)))) {
				return OffsetDateTime.parse(text).toInstant();
			}
			for (; digits < 9; digits++) {
				nanos *= 10;
			}
		}
		int offsetSeconds;
		if (at == length - 1 && text.charAt(at) == 'Z') {
			offsetSeconds = 0;
		}
		else if (at == length - 6 && (text.charAt(at) == '+' || text.charAt(at) == '-') && text.charAt(at + 3) == ':'
				&& digits(text, at + 1, 2) >= 0 && digits(text, at + 4, 2) >= 0) {
			int offset = digits(text, at + 1, 2) * 3600 + digits(text, at + 4, 2) * 60;
			offsetSeconds = (text.charAt(at) == '-') ? -offset : offset;
		}
		else {
			return OffsetDateTime.parse(text).toInstant();
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 2);
		int day = digits(text, 8, 2);
		int hour = digits(text, 11, 2);
		int minute = digits(text, 14, 2);
		int second = digits(text, 17, 2);
		if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
				|| second > 59 || Math.abs(offsetSeconds) > 18 * 3600) {
			return OffsetDateTime.parse(text).toInstant();
		}
		long epochDay = LocalDate.of(year, month, day).toEpochDay();
		return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600 + minute * 60 + second - offsetSeconds, nanos);
	}

	/** The number the {@code count} digits from {@code from} spell, or -1 when one of them is no digit. */
	private static int digits(String text, int from, int count) {
		int value = 0;
		for (int i = from; i < from + count; i++) {
			char c = text.charAt(i);
			if (!isDigit(c)) {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

}
