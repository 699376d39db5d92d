#[doc(hidden)]
#[allow(
    non_upper_case_globals,
    unused_attributes,
    unused_qualifications,
    deprecated,
    clippy::absolute_paths
)]
const _: () = {
    #[automatically_derived]
    impl ::agora_api::__private::Endpoint for ListChannels {
        type Response = Channels;
        const NAME: &'static str = "ListChannels";
        const METHOD: ::agora_api::__private::Method = ::agora_api::__private::Method::GET;
        const PATH: &'static str = "/dev/v1/channel/{appid}";
        const AUTH: &'static [::agora_api::__private::AuthScheme] = &[
            ::agora_api::__private::AuthScheme::BASIC,
            ::agora_api::__private::AuthScheme::RTM_TOKEN,
        ];
        const IDEMPOTENT: bool = true;
        fn validate(
            &self,
        ) -> ::core::result::Result<(), ::agora_api::__private::InvalidInput> {
            #[allow(unused_imports)]
            use ::agora_api::__private::{ByValidate as _, NothingToValidate as _};
            (&::agora_api::__private::Field(&self.appid))
                .validate_field(&::agora_api::__private::FieldPath::root("appid"))?;
            (&::agora_api::__private::Field(&self.page_no))
                .validate_field(&::agora_api::__private::FieldPath::root("page_no"))?;
            (&::agora_api::__private::Field(&self.size))
                .validate_field(&::agora_api::__private::FieldPath::root("size"))?;
            (&::agora_api::__private::Field(&self.request_id))
                .validate_field(&::agora_api::__private::FieldPath::root("request_id"))?;
            ::core::result::Result::Ok(())
        }
        fn write_path(
            &self,
            path: &mut ::agora_api::__private::PathWriter<'_>,
        ) -> ::core::result::Result<(), ::agora_api::__private::InvalidInput> {
            path.literal("/dev/v1/channel/");
            path.segment("appid", &self.appid)?;
            ::core::result::Result::Ok(())
        }
        fn write_query(&self, query: &mut ::agora_api::__private::QueryWriter<'_>) {
            #[allow(unused_imports)]
            use ::agora_api::__private::{AsList as _, AsPair as _};
            (&::agora_api::__private::QueryField(&self.page_no))
                .write_query("page_no", query);
            if let ::core::option::Option::Some(value) = &self.size {
                (&::agora_api::__private::QueryField(value))
                    .write_query("page_size", query);
            }
        }
        fn write_headers(
            &self,
            headers: &mut ::agora_api::__private::HeaderWriter<'_>,
        ) -> ::core::result::Result<(), ::agora_api::__private::InvalidInput> {
            if let ::core::option::Option::Some(value) = &self.request_id {
                headers.insert("x-request-id", "request_id", value)?;
            }
            ::core::result::Result::Ok(())
        }
        fn decode(
            __request: &::agora_api::__private::WireRequest<'_>,
        ) -> ::core::result::Result<Self, ::agora_api::__private::InvalidInput> {
            let __read = ::agora_api::__private::decode::RequestReader::new(__request);
            __read.method("GET")?;
            let mut __path = __read.path("/dev/v1/channel/{appid}");
            __path.literal("/dev/v1/channel/")?;
            let __param0: AppId = __path.segment("appid")?;
            __path.end()?;
            let value = ListChannels {
                appid: __param0,
                page_no: __read.required_query("page_no")?,
                size: __read.query("page_size")?,
                request_id: __read.header("x-request-id")?,
            };
            ::agora_api::__private::Endpoint::validate(&value)?;
            ::core::result::Result::Ok(value)
        }
    }
    ::agora_api::__private::inventory::submit! {
        ::agora_api::__private::EndpointInfo::new("ListChannels", ::core::module_path!(),
        ::core::stringify!(GET), "/dev/v1/channel/{appid}", &
        [::agora_api::__private::AuthScheme::BASIC,
        ::agora_api::__private::AuthScheme::RTM_TOKEN], true, false,
        ::core::option::Option::None, & [], & [],
        ::agora_api::__private::check_response:: < ListChannels >,
        ::agora_api::__private::check_request:: < ListChannels >,
        ::agora_api::__private::reencode:: < ListChannels >,
        ::agora_api::__private::send:: < ListChannels >, &
        [::agora_api::__private::FieldInfo::new("appid", "appid",
        ::agora_api::__private::FieldLocation::Path, true, "AppId", "",),
        ::agora_api::__private::FieldInfo::new("page_no", "page_no",
        ::agora_api::__private::FieldLocation::Query, true, "u32", "",),
        ::agora_api::__private::FieldInfo::new("size", "page_size",
        ::agora_api::__private::FieldLocation::Query, false, "u32", "",),
        ::agora_api::__private::FieldInfo::new("request_id", "x-request-id",
        ::agora_api::__private::FieldLocation::Header, false, "String", "",)], {
        #[allow(unused_imports)] use ::agora_api::__private::NotPaginated as _;
        ::agora_api::__private::PagesProbe:: < ListChannels > ::PAGES },)
    }
};
/**The builder of a [`ListChannels`] request; start with [`ListChannels::builder`].

Every required field has a setter that must be called before `build()` exists; optional fields may be left out.*/
#[must_use = "a builder does nothing until `build()` is called"]
pub struct ListChannelsBuilder<
    __AgoraState0 = ::agora_api::__private::Unset,
    __AgoraState1 = ::agora_api::__private::Unset,
> {
    appid: __AgoraState0,
    page_no: __AgoraState1,
    size: Option<u32>,
    request_id: Option<String>,
}
#[automatically_derived]
#[allow(deprecated, clippy::absolute_paths)]
impl ListChannels {
    /**Starts building a [`ListChannels`] request.

The required fields are checked at compile time: `build()` is only available once each of them is set.*/
    pub fn builder() -> ListChannelsBuilder {
        ListChannelsBuilder {
            appid: ::agora_api::__private::Unset,
            page_no: ::agora_api::__private::Unset,
            size: ::core::option::Option::None,
            request_id: ::core::option::Option::None,
        }
    }
}
#[automatically_derived]
#[allow(deprecated, clippy::absolute_paths, clippy::type_complexity)]
impl<__AgoraState0, __AgoraState1> ListChannelsBuilder<__AgoraState0, __AgoraState1> {
    pub fn appid(
        self,
        value: impl ::core::convert::Into<AppId>,
    ) -> ListChannelsBuilder<::agora_api::__private::Set<AppId>, __AgoraState1> {
        ListChannelsBuilder {
            appid: ::agora_api::__private::Set(::core::convert::Into::into(value)),
            page_no: self.page_no,
            size: self.size,
            request_id: self.request_id,
        }
    }
    pub fn page_no(
        self,
        value: u32,
    ) -> ListChannelsBuilder<__AgoraState0, ::agora_api::__private::Set<u32>> {
        ListChannelsBuilder {
            appid: self.appid,
            page_no: ::agora_api::__private::Set(value),
            size: self.size,
            request_id: self.request_id,
        }
    }
    pub fn size(mut self, value: u32) -> Self {
        self.size = ::core::option::Option::Some(value);
        self
    }
    pub fn request_id(mut self, value: impl ::core::convert::Into<String>) -> Self {
        self.request_id = ::core::option::Option::Some(
            ::core::convert::Into::into(value),
        );
        self
    }
    ///Finishes the [`ListChannels`] request.
    pub fn build(self) -> ListChannels
    where
        __AgoraState0: ::agora_api::__private::Required<AppId>,
        __AgoraState1: ::agora_api::__private::Required<u32>,
    {
        ListChannels {
            appid: ::agora_api::__private::Required::take(self.appid),
            page_no: ::agora_api::__private::Required::take(self.page_no),
            size: self.size,
            request_id: self.request_id,
        }
    }
}
