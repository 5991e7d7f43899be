package com.metricsdash.testing;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints {@link BenchmarkTable} once the whole test run has finished; registered for the JUnit Platform launcher in
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}. A run without benchmarks prints nothing.
 */
public class BenchmarkTableListener implements TestExecutionListener {

	@Override
	public void testPlanExecutionStarted(TestPlan testPlan) {
		BenchmarkTable.started();
	}

	@Override
	public void testPlanExecutionFinished(TestPlan testPlan) {
		BenchmarkTable.print(System.out);
	}

}
