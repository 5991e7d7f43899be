package com.metricsdash.simulator;

import graphql.schema.DataFetchingEnvironment;

/**
 * An object the Admin API returns, which answers its own fields. The schema's default data fetcher asks it for every
 * field that is not wired explicitly, so a field the simulator does not implement simply resolves to null, and
 * abstract types ({@code Node}, unions) resolve to {@link #typeName()}.
 */
interface GraphqlObject {

	/** The GraphQL object type this is, e.g. {@code Order}. */
	String typeName();

	/**
	 * The value of one field: scalars as Java values (the schema's scalars serialise them), objects as
	 * {@link GraphqlObject}s or maps, and null for whatever the simulator does not hold.
	 */
	Object field(String name, DataFetchingEnvironment env);

}
