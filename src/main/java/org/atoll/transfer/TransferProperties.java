package org.atoll.transfer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of imports and exports ({@code atoll.transfer.*}).
 *
 * @param batchMessages most messages stored in one transaction of an import
 * @param batchSize most raw bytes stored in one transaction of an import (a larger message goes alone)
 * @param maxUpload the largest mbox or ZIP the REST API takes for an import; it waits in a temporary file until
 *     imported
 */
@ConfigurationProperties("atoll.transfer")
public record TransferProperties(
        @DefaultValue("100") int batchMessages,
        @DefaultValue("8MB") DataSize batchSize,
        @DefaultValue("2GB") DataSize maxUpload) {

    public TransferProperties {
        if (batchMessages < 1 || batchSize.toBytes() < 1 || maxUpload.toBytes() < 1) {
            throw new IllegalArgumentException("atoll.transfer batch and upload limits must be positive");
        }
    }
}
