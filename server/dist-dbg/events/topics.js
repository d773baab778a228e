/**
 * Domain events. Services publish them after their transaction commits; GraphQL subscriptions
 * (and, later, the agent gateway) listen. Payloads are plain JSON so that the Redis transport
 * can carry them between replicas; every payload names its account, for scoping.
 */
export var Topic;
(function (Topic) {
    Topic["SERVER_CHANGED"] = "SERVER_CHANGED";
    Topic["AGENT_STATUS_CHANGED"] = "AGENT_STATUS_CHANGED";
    Topic["ALARM_RAISED"] = "ALARM_RAISED";
    Topic["SCAN_PROGRESS"] = "SCAN_PROGRESS";
    Topic["SCAN_QUEUED"] = "SCAN_QUEUED";
    Topic["AGENT_DISCONNECT_REQUESTED"] = "AGENT_DISCONNECT_REQUESTED";
    Topic["POLICY_CHANGED"] = "POLICY_CHANGED";
})(Topic || (Topic = {}));
//# sourceMappingURL=topics.js.map