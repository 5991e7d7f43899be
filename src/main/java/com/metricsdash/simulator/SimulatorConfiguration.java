package com.metricsdash.simulator;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on scheduling for the simulator's periodic work: live orders and saving its state file. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSimulator
@EnableScheduling
class SimulatorConfiguration {

}
