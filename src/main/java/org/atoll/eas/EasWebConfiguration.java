package org.atoll.eas;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** ActiveSync responses are {@link org.atoll.wbxml.WbxmlElement} documents, written by their own converter. */
@Configuration(proxyBeanMethods = false)
class EasWebConfiguration implements WebMvcConfigurer {

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder converters) {
        converters.addCustomConverter(new WbxmlMessageConverter());
    }
}
