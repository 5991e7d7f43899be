package com.metricsdash.sales;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One kept-alive HTTP/1.1 connection of {@link IngestLoad}'s senders and readers, as little as they need: it writes a
 * request as given, reads the status line and headers, and the body (of a {@code Content-Length} or chunked), so that
 * a request costs the generator a few microseconds. Opens the connection again when the server closed it. Not
 * for use by two threads at once.
 */
final class PlainHttp {

	private static final int TIMEOUT_MILLIS = 10_000;

	private final InetSocketAddress address;

	private Socket socket;

	private InputStream in;

	private OutputStream out;

	PlainHttp(InetSocketAddress address) {
		this.address = address;
	}

	/** Sends the request (its head, ending in an empty line, and its body) and reads the answer. */
	Answer exchange(String head, byte[] body) throws IOException {
		if (this.socket == null) {
			this.socket = new Socket();
			this.socket.connect(this.address, TIMEOUT_MILLIS);
			this.socket.setSoTimeout(TIMEOUT_MILLIS);
			this.socket.setTcpNoDelay(true);
			this.in = new BufferedInputStream(this.socket.getInputStream());
			this.out = this.socket.getOutputStream();
		}
		byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
		byte[] request = new byte[headBytes.length + body.length];
		System.arraycopy(headBytes, 0, request, 0, headBytes.length);
		System.arraycopy(body, 0, request, headBytes.length, body.length);
		this.out.write(request);
		this.out.flush();
		String statusLine = line();
		if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
			throw new IOException("Not an HTTP/1.1 answer: " + statusLine);
		}
		int status = Integer.parseInt(statusLine.substring(9, 12));
		long length = 0;
		boolean chunked = false;
		boolean closes = false;
		long retryAfter = 1;
		for (String header = line(); !header.isEmpty(); header = line()) {
			int colon = header.indexOf(':');
			String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
			String value = header.substring(colon + 1).trim();
			switch (name) {
				case "content-length" -> length = Long.parseLong(value);
				case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
				case "connection" -> closes = value.equalsIgnoreCase("close");
				case "retry-after" -> retryAfter = Long.parseLong(value);
				default -> {
				}
			}
		}
		ByteArrayOutputStream answer = new ByteArrayOutputStream();
		if (chunked) {
			for (int size = Integer.parseInt(line(), 16); size > 0; size = Integer.parseInt(line(), 16)) {
				answer.write(this.in.readNBytes(size));
				line();
			}
			line();
		}
		else {
			answer.write(this.in.readNBytes((int) length));
		}
		if (closes) {
			close();
		}
		return new Answer(status, retryAfter, answer.toString(StandardCharsets.UTF_8));
	}

	/** Closes the connection, if open; the next exchange opens a new one. */
	void close() {
		if (this.socket != null) {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
			this.socket = null;
		}
	}

	private String line() throws IOException {
		StringBuilder line = new StringBuilder();
		for (int c = this.in.read(); c != '\n'; c = this.in.read()) {
			if (c < 0) {
				throw new IOException("The connection closed within an answer");
			}
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

	/** A status, the {@code Retry-After} seconds (1 when it had none), and the body. */
	record Answer(int status, long retryAfterSeconds, String body) {
	}

}
