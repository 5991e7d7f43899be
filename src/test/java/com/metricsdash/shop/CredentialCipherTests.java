package com.metricsdash.shop;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialCipherTests {

	private static final String KEY = randomKey();

	private final CredentialCipher cipher = new CredentialCipher(new EncryptionProperties(KEY, List.of()));

	private final UUID store = UUID.randomUUID();

	@Test
	void sealedTokensOpenWithTheStoresDataKeyAndDoNotContainThePlainText() {
		CredentialCipher.DataKey dataKey = this.cipher.newDataKey(this.store);
		byte[] sealed = this.cipher.seal(dataKey.key(), this.store, "access-token", "shpat_secret");

		assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("shpat_secret");
		var unwrapped = this.cipher.unwrap(this.store, dataKey.masterKeyId(), dataKey.wrapped());
		assertThat(this.cipher.open(unwrapped, this.store, "access-token", sealed)).isEqualTo("shpat_secret");
	}

	@Test
	void aSealedTokenCannotBeMovedToAnotherStoreOrPurposeOrTamperedWith() {
		CredentialCipher.DataKey dataKey = this.cipher.newDataKey(this.store);
		byte[] sealed = this.cipher.seal(dataKey.key(), this.store, "access-token", "shpat_secret");

		assertThatThrownBy(() -> this.cipher.open(dataKey.key(), UUID.randomUUID(), "access-token", sealed))
			.isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> this.cipher.open(dataKey.key(), this.store, "refresh-token", sealed))
			.isInstanceOf(IllegalStateException.class);
		sealed[sealed.length - 1] ^= 1;
		assertThatThrownBy(() -> this.cipher.open(dataKey.key(), this.store, "access-token", sealed))
			.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void dataKeysWrappedByARotatedOutMasterKeyStillOpenWhileThatKeyIsListed() {
		CredentialCipher.DataKey old = this.cipher.newDataKey(this.store);
		CredentialCipher rotated = new CredentialCipher(new EncryptionProperties(randomKey(), List.of(KEY)));
		CredentialCipher forgotten = new CredentialCipher(new EncryptionProperties(randomKey(), List.of()));

		assertThat(rotated.currentKeyId()).isNotEqualTo(old.masterKeyId());
		assertThat(rotated.unwrap(this.store, old.masterKeyId(), old.wrapped()).getEncoded())
			.isEqualTo(old.key().getEncoded());
		assertThatThrownBy(() -> forgotten.unwrap(this.store, old.masterKeyId(), old.wrapped()))
			.hasMessageContaining("not configured");
	}

	private static String randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
