package com.metricsdash.shop;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Envelope encryption of store credentials with AES-256-GCM: each store's secrets are encrypted with a data key of
 * its own, and the data key is wrapped by the master key, whose id is stored beside it so that keys can be rotated.
 * The store id is bound into every ciphertext, so a sealed value cannot be moved to another store.
 */
@Component
class CredentialCipher {

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecureRandom random = new SecureRandom();

	private final String currentKeyId;

	private final Map<String, SecretKey> masterKeys = new LinkedHashMap<>();

	CredentialCipher(EncryptionProperties properties) {
		this.currentKeyId = add(properties.masterKey());
		properties.previousMasterKeys().forEach(this::add);
	}

	String currentKeyId() {
		return this.currentKeyId;
	}

	/** A fresh data key for one store, and that key wrapped by the current master key. */
	DataKey newDataKey(UUID storeId) {
		byte[] key = new byte[32];
		this.random.nextBytes(key);
		SecretKey dataKey = new SecretKeySpec(key, "AES");
		return new DataKey(dataKey, this.currentKeyId,
				encrypt(this.masterKeys.get(this.currentKeyId), key, aad(storeId, "data-key")));
	}

	/** Unwraps a stored data key with the master key that wrapped it. */
	SecretKey unwrap(UUID storeId, String masterKeyId, byte[] wrapped) {
		SecretKey masterKey = this.masterKeys.get(masterKeyId);
		if (masterKey == null) {
			throw new IllegalStateException("Credentials of store " + storeId + " were sealed with master key "
					+ masterKeyId + ", which is not configured");
		}
		return new SecretKeySpec(decrypt(masterKey, wrapped, aad(storeId, "data-key")), "AES");
	}

	byte[] seal(SecretKey dataKey, UUID storeId, String purpose, String secret) {
		return encrypt(dataKey, secret.getBytes(StandardCharsets.UTF_8), aad(storeId, purpose));
	}

	String open(SecretKey dataKey, UUID storeId, String purpose, byte[] sealed) {
		return new String(decrypt(dataKey, sealed, aad(storeId, purpose)), StandardCharsets.UTF_8);
	}

	private String add(String base64Key) {
		byte[] key = Base64.getDecoder().decode(base64Key.strip());
		if (key.length != 32) {
			throw new IllegalArgumentException("A master key must be 32 bytes");
		}
		String id = keyId(key);
		this.masterKeys.putIfAbsent(id, new SecretKeySpec(key, "AES"));
		return id;
	}

	/** A key's id: the start of its SHA-256, which names the key without revealing it. */
	private static String keyId(byte[] key) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private byte[] encrypt(SecretKey key, byte[] plain, byte[] aad) {
		try {
			byte[] iv = new byte[IV_BYTES];
			this.random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(aad);
			byte[] encrypted = cipher.doFinal(plain);
			return ByteBuffer.allocate(IV_BYTES + encrypted.length).put(iv).put(encrypted).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not encrypt", ex);
		}
	}

	private static byte[] decrypt(SecretKey key, byte[] sealed, byte[] aad) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
			cipher.updateAAD(aad);
			return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not decrypt: wrong key or tampered data", ex);
		}
	}

	private static byte[] aad(UUID storeId, String purpose) {
		return (storeId + "/" + purpose).getBytes(StandardCharsets.UTF_8);
	}

	/** A store's data key, and the same key wrapped by master key {@code masterKeyId}. */
	record DataKey(SecretKey key, String masterKeyId, byte[] wrapped) {
	}

}
