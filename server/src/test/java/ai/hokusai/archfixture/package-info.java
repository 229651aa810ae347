/**
 * Classes that break the server's walls on purpose, laid out like {@code ai.hokusai.server}, so that
 * {@code ArchitectureRulesFailTest} can show each rule of {@code ArchitectureRules} failing. Never part of the server.
 */
package ai.hokusai.archfixture;
