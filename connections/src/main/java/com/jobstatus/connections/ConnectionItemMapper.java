package com.jobstatus.connections;

import com.jobstatus.schemas.Timestamps;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps {@link Connection} to a DynamoDB item and back, by hand, with the attribute names in one place. */
final class ConnectionItemMapper {

    static final String CONNECTION_ID = ConnectionsTable.KEY;
    static final String USER_ID = ConnectionsTable.INDEX_PARTITION;
    static final String TTL = ConnectionsTable.TTL_ATTRIBUTE;
    static final String CONNECTED_AT = "connectedAt";

    private ConnectionItemMapper() {
    }

    static Map<String, AttributeValue> toItem(Connection connection) {
        return Map.of(
                CONNECTION_ID, AttributeValue.fromS(connection.connectionId()),
                USER_ID, AttributeValue.fromS(connection.userId()),
                CONNECTED_AT, AttributeValue.fromS(Timestamps.format(connection.connectedAt())),
                TTL, AttributeValue.fromN(Long.toString(connection.ttl())));
    }

    static Connection fromItem(Map<String, AttributeValue> item) {
        return new Connection(
                item.get(CONNECTION_ID).s(),
                item.get(USER_ID).s(),
                Timestamps.parse(item.get(CONNECTED_AT).s()),
                Long.parseLong(item.get(TTL).n()));
    }
}
