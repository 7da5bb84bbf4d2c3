package com.jobstatus.store;

import com.jobstatus.schemas.JobError;
import com.jobstatus.schemas.JobStatus;
import com.jobstatus.schemas.Timestamps;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps {@link JobRecord} to a DynamoDB item and back, by hand: no bean introspection on the hot path,
 * and the attribute names stay visible in one place.
 */
final class JobItemMapper {

    static final String JOB_ID = JobsTable.KEY;
    static final String USER_ID = JobsTable.INDEX_PARTITION;
    static final String CREATED_AT = JobsTable.INDEX_SORT;
    static final String TTL = JobsTable.TTL_ATTRIBUTE;
    static final String STATUS = "status";
    static final String ATTEMPT = "attempt";
    static final String ORDER_KEY = "orderKey";
    static final String UPDATED_AT = "updatedAt";
    static final String PROGRESS = "progress";
    static final String ERROR = "error";
    static final String ERROR_CODE = "code";
    static final String ERROR_MESSAGE = "message";
    static final String OUTPUT_URL = "outputUrl";
    static final String VERSION = "version";

    private JobItemMapper() {
    }

    static Map<String, AttributeValue> toItem(JobRecord job) {
        Map<String, AttributeValue> item = new HashMap<>(16);
        item.put(JOB_ID, s(job.jobId()));
        item.put(USER_ID, s(job.userId()));
        item.put(STATUS, s(job.status().name()));
        item.put(ATTEMPT, n(job.attempt()));
        item.put(ORDER_KEY, s(job.orderKey()));
        item.put(CREATED_AT, s(Timestamps.format(job.createdAt())));
        item.put(UPDATED_AT, s(Timestamps.format(job.updatedAt())));
        item.put(TTL, n(job.ttl()));
        item.put(VERSION, n(job.version()));
        if (job.progress() != null) {
            item.put(PROGRESS, n(job.progress()));
        }
        if (job.error() != null) {
            item.put(ERROR, AttributeValue.fromM(Map.of(
                    ERROR_CODE, s(job.error().code()), ERROR_MESSAGE, s(job.error().message()))));
        }
        if (job.outputUrl() != null) {
            item.put(OUTPUT_URL, s(job.outputUrl()));
        }
        return item;
    }

    static JobRecord fromItem(Map<String, AttributeValue> item) {
        AttributeValue error = item.get(ERROR);
        return new JobRecord(
                item.get(JOB_ID).s(),
                item.get(USER_ID).s(),
                JobStatus.valueOf(item.get(STATUS).s()),
                Integer.parseInt(item.get(ATTEMPT).n()),
                item.get(ORDER_KEY).s(),
                Timestamps.parse(item.get(CREATED_AT).s()),
                Timestamps.parse(item.get(UPDATED_AT).s()),
                item.containsKey(PROGRESS) ? Integer.valueOf(item.get(PROGRESS).n()) : null,
                error == null ? null : new JobError(error.m().get(ERROR_CODE).s(), error.m().get(ERROR_MESSAGE).s()),
                item.containsKey(OUTPUT_URL) ? item.get(OUTPUT_URL).s() : null,
                Long.parseLong(item.get(TTL).n()),
                Long.parseLong(item.get(VERSION).n()));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
