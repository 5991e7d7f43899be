package com.metricsdash.local;

import com.metricsdash.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class SessionStoreTests {

	@Autowired
	SessionRepository<? extends Session> sessions;

	@Autowired
	StringRedisTemplate redis;

	@Test
	void httpSessionsLiveInRedis() {
		String id = saveSessionWithStore(this.sessions, "a-store");

		assertThat(this.redis.hasKey("metricsdash:session:sessions:" + id)).isTrue();
		assertThat(this.sessions.findById(id).<String>getAttribute("storeId")).isEqualTo("a-store");
	}

	private static <S extends Session> String saveSessionWithStore(SessionRepository<S> repository, String storeId) {
		S session = repository.createSession();
		session.setAttribute("storeId", storeId);
		repository.save(session);
		return session.getId();
	}

}
